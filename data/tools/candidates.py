#!/usr/bin/env python3
"""Broad retrieval of labeling candidates for the chude themes.

Finds texts in ../shared/data that may belong to a theme by matching many cue phrases
with tone marks removed (so "hoà"/"hòa" and "uỷ"/"ủy" both match), plus random draws from
every source so that labelers also see texts with no theme.  A match is only a candidate:
the label comes from reading (see data/LABELING.md).  Writes batch files for the labelers
(ids and clipped texts) to an output folder outside the repository; texts never enter git.

Usage: candidates.py SHARED_DATA_DIR OUT_DIR [--seed N] [--exclude LABELS_DIR]
"""
import gzip, json, random, sys, unicodedata, hashlib, os, re, glob

TONES = {0x300, 0x301, 0x303, 0x309, 0x323}

def toneless(s):
    s = unicodedata.normalize('NFD', s.lower())
    s = ''.join(c for c in s if ord(c) not in TONES)
    return unicodedata.normalize('NFC', s).replace('đ', 'd')

CUES = {
 'cai-cach-hanh-chinh': ['cải cách hành chính', 'thủ tục hành chính', 'một cửa liên thông', 'bộ phận một cửa',
    'tiếp nhận và trả kết quả', 'trung tâm hành chính công', 'par index', 'sipas', 'papi', 'đơn giản hóa thủ tục',
    'cắt giảm thủ tục', 'điều kiện kinh doanh', 'kiểm tra chuyên ngành', 'dịch vụ hành chính công', 'năng lực cạnh tranh cấp tỉnh'],
 'ky-luat-ky-cuong': ['kỷ cương hành chính', 'kỷ luật, kỷ cương', 'giờ giấc', 'lề lối làm việc', 'tác phong',
    'nhũng nhiễu', 'gây phiền hà', 'kiểm tra công vụ', 'chỉ thị 26', 'uống cà phê trong giờ', 'thái độ phục vụ', 'đi muộn về sớm', 'văn hóa công sở'],
 'nguoi-dung-dau': ['người đứng đầu', 'nêu gương', 'trách nhiệm của người đứng đầu', 'đối thoại với nhân dân', 'đối thoại với người dân', 'thủ trưởng cơ quan'],
 'nghi-quyet-tw4': ['trung ương 4', 'tw4', 'tw 4', 't.ư 4', 'tự diễn biến', 'tự chuyển hóa', 'suy thoái về tư tưởng', 'chỉnh đốn đảng', 'xây dựng đảng'],
 'phong-chong-tham-nhung': ['tham nhũng', 'lãng phí', 'kê khai tài sản', 'thu hồi tài sản', 'nhận hối lộ', 'tham ô', 'lợi dụng chức vụ', 'lạm quyền', 'thực hành tiết kiệm'],
 'to-chuc-bo-may': ['tinh giản biên chế', 'sắp xếp tổ chức bộ máy', 'sáp nhập', 'hợp nhất', 'vị trí việc làm', 'nhất thể hóa',
    'kiêm nhiệm', 'nghị quyết 18', 'nghị quyết 19', 'tinh gọn bộ máy', 'đơn vị sự nghiệp công lập', 'sáp nhập thôn', 'cấp phó'],
 'cong-tac-can-bo': ['công tác cán bộ', 'quy hoạch cán bộ', 'bổ nhiệm', 'luân chuyển cán bộ', 'điều động', 'thi tuyển', 'tuyển dụng công chức',
    'đánh giá cán bộ', 'bồi dưỡng cán bộ', 'nghị quyết 26', 'chạy chức', 'viên chức', 'bổ nhiệm thần tốc'],
 'chinh-quyen-dien-tu': ['chính quyền điện tử', 'chính phủ điện tử', 'dịch vụ công trực tuyến', 'chữ ký số', 'văn bản điện tử',
    'cổng thông tin điện tử', 'quản lý văn bản và điều hành', 'ứng dụng công nghệ thông tin trong hoạt động', 'e-cabinet', 'chính phủ số'],
 'tiep-cong-dan': ['tiếp công dân', 'khiếu nại', 'tố cáo', 'đơn thư', 'khiếu kiện', 'kiến nghị của cử tri', 'phản ánh, kiến nghị', 'đối thoại'],
 'hoc-tap-lam-theo-bac': ['học tập và làm theo', 'tư tưởng, đạo đức, phong cách hồ chí minh', 'chỉ thị 05', 'chỉ thị 03', 'làm theo bác', 'tấm gương đạo đức hồ chí minh'],
 'kiem-tra-giam-sat-dang': ['ủy ban kiểm tra', 'ủy ban kiểm tra trung ương', 'khai trừ', 'cảnh cáo', 'khiển trách', 'kỷ luật đảng', 'kiểm tra, giám sát', 'dấu hiệu vi phạm', 'thi hành kỷ luật'],
 'dan-chu-co-so': ['dân chủ ở cơ sở', 'quy chế dân chủ', 'dân biết, dân bàn', 'giám sát và phản biện', 'phản biện xã hội', 'ban thanh tra nhân dân',
    'giám sát đầu tư của cộng đồng', 'mặt trận tổ quốc', 'tiếp xúc cử tri', 'dân chủ cơ sở'],
 'chi-dao-dieu-hanh': ['chỉ đạo, điều hành', 'giao ban', 'chủ đề của năm', 'chủ đề năm', 'phiên họp chính phủ thường kỳ', 'phương thức lãnh đạo',
    'đôn đốc', 'chương trình công tác', 'hội nghị trực tuyến', 'nhiệm vụ phát triển kinh tế - xã hội', 'điều hành'],
}
CUES_T = {t: [toneless(c) for c in cs] for t, cs in CUES.items()}

def read(path):
    with gzip.open(path, 'rt', encoding='utf-8') as f:
        for line in f:
            yield json.loads(line)

SHARED_FILES = ['vietnews/subset.jsonl.gz', 'vntc/train.jsonl.gz', 'tc201805/corpus.jsonl.gz']

def iter_shared(shared):
    """Every record of the three shared corpora, in this fixed order, as (file, record)."""
    for rel in SHARED_FILES:
        for d in read(os.path.join(shared, rel)):
            yield rel, d

def clip(text, n):
    text = unicodedata.normalize('NFC', text).replace('\r\n', '\n').strip()
    return text if len(text) <= n else text[:n].rsplit(' ', 1)[0] + ' […]'

def option(name, default):
    """The value after the command-line option name, or default."""
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default

def write_batches(shared, chosen, out, first, nb):
    """Writes the ids of chosen, in that order, round-robin into nb labeling batches
    OUT/batch_<first..>.jsonl with their texts clipped as labelers see them (800 characters
    for TC201805 title + summary items, 1,400 for full articles)."""
    want = set(chosen)
    texts = {}
    for rel, d in iter_shared(shared):
        if d['id'] in want:
            texts[d['id']] = clip(d['text'], 800 if rel.startswith('tc') else 1400)
    for b in range(nb):
        with open(os.path.join(out, 'batch_%02d.jsonl' % (first + b)), 'w', encoding='utf-8') as f:
            for i in chosen[b::nb]:
                f.write(json.dumps({'id': i, 'text': texts[i]}, ensure_ascii=False) + '\n')

def main():
    data, out = sys.argv[1], sys.argv[2]
    seed = 20261123
    exclude = set()
    if '--exclude' in sys.argv:
        for p in glob.glob(os.path.join(sys.argv[sys.argv.index('--exclude') + 1], '*.jsonl')):
            for line in open(p, encoding='utf-8'):
                exclude.add(json.loads(line)['id'])
    rng = random.Random(seed)
    docs = {}
    hits = {t: [] for t in CUES}
    pools = {'vietnews': [], 'vntc': [], 'tc': []}
    srcs = [('vietnews', 'vietnews/subset.jsonl.gz'), ('vntc', 'vntc/train.jsonl.gz'), ('tc', 'tc201805/corpus.jsonl.gz')]
    for src, rel in srcs:
        for d in read(os.path.join(data, rel)):
            if d['id'] in exclude:
                continue
            pools[src].append(d['id'])
            t = toneless(d['text'])
            score_any = False
            for th, cues in CUES_T.items():
                s = sum(t.count(c) for c in cues)
                if s:
                    hits[th].append((s / (1 + len(t) / 2000), d['id']))
                    score_any = True
            if score_any or src == 'tc':
                docs[d['id']] = (src, d['text'])
            elif rng.random() < 0.2:
                docs[d['id']] = (src, d['text'])
    chosen = {}
    for th, lst in hits.items():
        lst.sort(reverse=True)
        top = [i for _, i in lst[:170]]
        rest = [i for _, i in lst[170:]]
        rng.shuffle(rest)
        for i in top + rest[:90]:
            chosen.setdefault(i, set()).add(th)
    cand = list(chosen)
    # random draws from every source (mostly short TC items, so both genres appear)
    rand = rng.sample(pools['tc'], 1300) + rng.sample([i for i in pools['vietnews'] if i in docs], 600) \
        + rng.sample([i for i in pools['vntc'] if i in docs], 300)
    rand = [i for i in rand if i not in chosen]
    items = [(i, 'candidate') for i in cand] + [(i, 'random') for i in rand]
    rng.shuffle(items)
    os.makedirs(out, exist_ok=True)
    nb = int(sys.argv[sys.argv.index('--batches') + 1]) if '--batches' in sys.argv else 8
    batches = [items[k::nb] for k in range(nb)]
    # double-labeling sample: 320 items, each also given to the next batch
    dbl = [it for it in items if it[1] == 'candidate'][:220] + [it for it in items if it[1] == 'random'][:100]
    for k, (it) in enumerate(dbl):
        owner = next(b for b in range(nb) if it in batches[b])
        batches[(owner + 1) % nb].append(it)
    for b in range(nb):
        rng.shuffle(batches[b])
        with open(os.path.join(out, 'batch_%02d.jsonl' % b), 'w', encoding='utf-8') as f:
            for i, kind in batches[b]:
                src, text = docs[i]
                f.write(json.dumps({'id': i, 'text': clip(text, 1400 if src != 'tc' else 800)}, ensure_ascii=False) + '\n')
    with open(os.path.join(out, 'meta.json'), 'w') as f:
        json.dump({'random': [i for i, k in items if k == 'random'], 'double': [i for i, _ in dbl],
                   'candidates_by_theme': {t: sorted(i for i in chosen if t in chosen[i]) for t in CUES}}, f)
    print('candidates', len(cand), 'random', len(rand), 'batches', [len(b) for b in batches], file=sys.stderr)

if __name__ == '__main__':
    main()
