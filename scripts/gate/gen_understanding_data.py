#!/usr/bin/env python3
"""Derive the compact normalisation tables of the engine from ../shared/data/lexicons.

Run from the repository root:  python3 scripts/gate/gen_understanding_data.py ../shared
Outputs (committed, embedded in Zhongcao.Engine):
  src/Zhongcao.Engine/Understanding/Data/t2s.txt   one line per 64 pairs, each pair = traditional char + simplified char
  src/Zhongcao.Engine/Understanding/Data/fold.tsv  variant<TAB>replacement for look-alikes and digit styles
"""
import json, sys, os, unicodedata

shared = sys.argv[1] if len(sys.argv) > 1 else '../shared'
lex = os.path.join(shared, 'data', 'lexicons')
out = 'src/Zhongcao.Engine/Understanding/Data'

def is_cjkish(cp):
    return (0x2E80 <= cp <= 0x9FFF) or (0xF900 <= cp <= 0xFAFF) or (0xAC00 <= cp <= 0xD7AF) \
        or (0x3000 <= cp <= 0x30FF) or (0x20000 <= cp <= 0x3FFFF) or (0xFF00 <= cp <= 0xFFEF)

# OpenCC TSCharacters: take the first (default) simplified candidate of single-char keys.
pairs = []
for line in open(os.path.join(lex, 'opencc-t2s', 'TSCharacters.txt'), encoding='utf-8'):
    if line.startswith('#') or '\t' not in line:
        continue
    t, s = line.rstrip('\n').split('\t', 1)
    s = s.split(' ')[0]
    if len(t) == 1 and len(s) == 1 and t != s and ord(t) < 0x10000 and ord(s) < 0x10000:
        pairs.append(t + s)
with open(os.path.join(out, 't2s.txt'), 'w', encoding='utf-8') as f:
    f.write('# OpenCC TSCharacters.txt (Apache-2.0), first candidate, pairs of traditional+simplified\n')
    for i in range(0, len(pairs), 64):
        f.write(''.join(pairs[i:i + 64]) + '\n')

fold = {}
# Look-alike letters (obscenity / gc confusables, MIT). Skip CJK-looking variants (乃 -> B would break Chinese)
# and ASCII (those are handled by case folding).
conf = json.load(open(os.path.join(lex, 'obscenity-normalization-maps', 'confusables.variant-to-canonical.json'), encoding='utf-8'))
for v, c in conf.items():
    cp = ord(v[0]) if len(v) == 1 else int.from_bytes(v.encode('utf-32-le')[:4], 'little')
    if len(v.encode('utf-32-le')) != 4 or cp < 0x80 or is_cjkish(cp):
        continue
    # Only letters and numbers: symbols such as ❤ or ¥ are meaningful as themselves.
    if unicodedata.category(v)[0] not in 'LN':
        continue
    fold[v] = c.lower() if c != ' ' else ' '
# Digit styles (houbb, toolgood; Apache-2.0) that NFKC leaves alone (❶ ➀ ⓵ ⑩...). Chinese numerals are NOT folded
# here: they stay words for matching and are read as digits only by the contact detector.
for line in open(os.path.join(lex, 'normalization-tables', 'houbb-digit-variants.tsv'), encoding='utf-8'):
    parts = line.rstrip('\n').split('\t')
    if len(parts) < 2 or parts[0] == 'variant':
        continue
    v, c = parts[0], parts[1]
    if len(v) == 1 and not is_cjkish(ord(v)) and unicodedata.normalize('NFKC', v) == v and ord(v) >= 0x80 and v not in 'º○':
        fold[v] = c
for line in open(os.path.join(lex, 'normalization-tables', 'toolgood-number-typo.tsv'), encoding='utf-8'):
    parts = line.rstrip('\n').split('\t')
    if len(parts) < 3 or parts[0] == 'table':
        continue
    v, c = parts[1], parts[2]
    if len(v) == 1 and ord(v) >= 0x80 and not is_cjkish(ord(v)) and c.isdigit() and unicodedata.normalize('NFKC', v) == v and v not in 'º○':
        fold[v] = c
with open(os.path.join(out, 'fold.tsv'), 'w', encoding='utf-8') as f:
    f.write('# variant<TAB>replacement: jo3-l/obscenity confusables (MIT, data (c) gc), houbb/sensitive-word and toolgood digit tables (Apache-2.0)\n')
    for v in sorted(fold, key=lambda s: s.encode('utf-32-be')):
        f.write(v + '\t' + fold[v] + '\n')
print(len(pairs), 't2s pairs;', len(fold), 'fold entries')
