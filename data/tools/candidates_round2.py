#!/usr/bin/env python3
"""Round-2 retrieval: dense cue lists for the themes that round 1 left short of 150
positives (nghi-quyet-tw4, dan-chu-co-so, hoc-tap-lam-theo-bac, chi-dao-dieu-hanh).
Skips every id already in data/labels/. Candidates only; labels come from reading.

Usage: candidates_round2.py SHARED_DATA_DIR LABELS_DIR OUT_DIR NBATCHES"""
import json, os, random, sys, glob
from candidates import toneless, clip, iter_shared

CUES = {
 'nghi-quyet-tw4': ['nghị quyết trung ương 4', 'nghị quyết tw 4', 'nghị quyết tw4', 'hội nghị trung ương 4', 'suy thoái',
    'tự diễn biến', 'tự chuyển hóa', 'tự phê bình và phê bình', 'kiểm điểm tự phê bình', 'chỉnh đốn đảng', '27 biểu hiện', 'nói đi đôi với làm'],
 'dan-chu-co-so': ['quy chế dân chủ', 'dân chủ ở cơ sở', 'dân chủ cơ sở', 'dân biết', 'phản biện xã hội', 'ban thanh tra nhân dân',
    'giám sát đầu tư của cộng đồng', 'lấy ý kiến nhân dân', 'hương ước', 'mặt trận tổ quốc', 'giám sát của nhân dân', 'tiếp xúc cử tri'],
 'hoc-tap-lam-theo-bac': ['học tập và làm theo', 'làm theo lời bác', 'chỉ thị 05', 'phong cách hồ chí minh', 'đạo đức hồ chí minh',
    'gương điển hình', 'người tốt, việc tốt', 'người tốt việc tốt', 'di chúc của chủ tịch hồ chí minh', 'tư tưởng hồ chí minh'],
 'chi-dao-dieu-hanh': ['giao ban', 'phiên họp chính phủ', 'công điện', 'thủ tướng yêu cầu', 'đôn đốc', 'chỉ đạo quyết liệt',
    'kết luận của thủ tướng', 'chủ đề năm', 'chỉ đạo, điều hành', 'điều hành', 'chương trình công tác', 'hội nghị trực tuyến'],
}
QUOTA = {'nghi-quyet-tw4': 420, 'dan-chu-co-so': 420, 'hoc-tap-lam-theo-bac': 360, 'chi-dao-dieu-hanh': 260}

def main():
    data, labels, out, nb = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    done = set()
    for p in glob.glob(os.path.join(labels, '**', '*.tsv'), recursive=True) + glob.glob(os.path.join(labels, '*.jsonl')):
        for line in open(p, encoding='utf-8'):
            done.add(line.split('\t')[0] if p.endswith('.tsv') else json.loads(line)['id'])
    cues = {t: [toneless(c) for c in cs] for t, cs in CUES.items()}
    hits = {t: [] for t in CUES}
    texts = {}
    for rel, d in iter_shared(data):
        if d['id'] in done:
            continue
        t = toneless(d['text'])
        for th, cs in cues.items():
            s = sum(t.count(c) for c in cs)
            if s >= 2 or (s and len(t) < 600):
                hits[th].append((s / (1 + len(t) / 2000), d['id']))
                texts[d['id']] = (rel, d['text'])
    chosen = []
    seen = set()
    for th, lst in hits.items():
        lst.sort(reverse=True)
        k = 0
        for _, i in lst:
            if k >= QUOTA[th]:
                break
            if i not in seen:
                seen.add(i); chosen.append(i); k += 1
    rng = random.Random(20261124)
    rng.shuffle(chosen)
    os.makedirs(out, exist_ok=True)
    for b in range(nb):
        with open(os.path.join(out, 'batch_%02d.jsonl' % (10 + b)), 'w', encoding='utf-8') as f:
            for i in chosen[b::nb]:
                rel, text = texts[i]
                f.write(json.dumps({'id': i, 'text': clip(text, 1400 if not rel.startswith('tc') else 800)}, ensure_ascii=False) + '\n')
    print('round 2 candidates', len(chosen), {t: len(h) for t, h in hits.items()}, file=sys.stderr)

if __name__ == '__main__':
    main()
