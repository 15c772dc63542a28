#!/usr/bin/env python3
"""Model size and load time: runs chude-classify on one short text N times with the shipped
theme model and with a tiny model (tests/fuzz/corpus/model/tiny.chude); the difference of
the medians is the time to read, check (CRC-32 + validation) and index the model.
Extra model files given after N are measured the same way (e.g. a VNTC model from bench/vntc.sh).
It also builds bench/load_time.c against build/lib/libchude.a and prints the in-process time of
chude_model_load() (median of 15), which leaves out process start and exit.
Usage: bench/model_load.py [N [MODEL...]]  (run from the repository root after building)"""
import os, statistics, subprocess, sys, time, datetime
n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
text = 'Tỉnh cắt giảm thủ tục hành chính tại bộ phận một cửa.\n'.encode()
def med(model):
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(['build/bin/chude-classify', '-m', model, '-t', '1'], input=text, capture_output=True, check=True)
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)
big, tiny = 'models/themes.chude', 'tests/fuzz/corpus/model/tiny.chude'
extra = sys.argv[2:]
mb, mt = med(big), med(tiny)
me = [(p, med(p)) for p in extra]
print('# Model size and load time, %s, %d cores' % (datetime.date.today(), os.cpu_count()))
print()
print('| model | size (MB) | median run, one short text (ms) |')
print('|---|---:|---:|')
print('| models/themes.chude | %.1f | %.1f |' % (os.path.getsize(big) / 1e6, mb * 1e3))
print('| tiny (fixture) | %.3f | %.1f |' % (os.path.getsize(tiny) / 1e6, mt * 1e3))
for p, m in me:
    print('| %s | %.1f | %.1f |' % (p, os.path.getsize(p) / 1e6, m * 1e3))
print()
print('Load time of the theme model (difference of medians over %d runs): **%.1f ms**' % (n, (mb - mt) * 1e3))
for p, m in me:
    print('Load time of %s: **%.1f ms**' % (p, (m - mt) * 1e3))
import shutil, tempfile
cc = shutil.which('cc')
if cc:
    exe = os.path.join(tempfile.mkdtemp(), 'load_time')
    libs = subprocess.run(['pkg-config', '--libs', 'icu-uc', 'icu-i18n'], capture_output=True, text=True).stdout.split()
    subprocess.run([cc, '-O2', '-Iinclude', 'bench/load_time.c', 'build/lib/libchude.a', *libs,
                    '-lsvm', '-llinear', '-lcjson', '-lz', '-lm', '-lpthread', '-o', exe], check=True)
    out = subprocess.run([exe, big, *extra], capture_output=True, text=True, check=True).stdout
    print()
    print('In-process `chude_model_load()` (median of 15):')
    print()
    for line in out.splitlines():
        p, ms = line.split('\t')
        print('- %s: **%s ms**' % (p, ms))
