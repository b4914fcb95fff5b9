#!/usr/bin/env python3
"""Derive the profanity packs (TSV) from ../shared/data/lexicons (LDNOOBW CC BY 4.0, words/cuss MIT).

Run from the repository root:  python3 scripts/gate/gen_profanity_packs.py ../shared
Entries with an ordinary meaning on a lifestyle platform (奶, 性价比's 性, 处女座, nude lipstick, chunky knit, Lolita
fashion, anatomy used in parenting and health notes) are excluded; the lists below say which.
"""
import os, sys

shared = sys.argv[1] if len(sys.argv) > 1 else '../shared'
lex = os.path.join(shared, 'data', 'lexicons')
out = 'src/Zhongcao.Engine/Governance/Compliance/Packs'

EN_EXCLUDE = set("""anal anus ass butt boob boobs bondage busty camel toe cialis viagra cocks cock domination erotic erotism escort eunuch
fecal genitals grope hard core hardcore horny hot chick huge fat humping intercourse kinky lolita lovemaking mong negro nipple nipples
nude nudity panties panty penis playboy pubes rectum sadism scat sex sexual sexually sexuality sexy snatch strip club suck sucks
swinger tied up tight white tongue in a taste my girl on big black twinkie undressing urethra play vagina venus mound vulva xx
semen ejaculation clitoris masturbation masturbate masturbating orgasm swastika voyeur tea bagging topless spread legs
blue waffle jelly donut chocolate rosebuds dirty pillows pleasure chest rosy palm tainted love goodpoop how to kill how to murder
date rape rape raping rapist white power poof tit scissoring santorum 🖕""".split('\n') and [])
EN_EXCLUDE = {w.strip() for w in """anal|anus|ass|butt|boob|boobs|bondage|busty|camel toe|cialis|viagra|cocks|cock|domination|erotic|erotism|escort|eunuch|fecal|genitals|grope|hard core|hardcore|horny|hot chick|huge fat|humping|intercourse|kinky|lolita|lovemaking|mong|negro|nipple|nipples|nude|nudity|panties|panty|penis|playboy|pubes|rectum|sadism|scat|sex|sexual|sexually|sexuality|sexy|snatch|strip club|suck|sucks|swinger|tied up|tight white|tongue in a|taste my|girl on|girl on top|big black|twinkie|undressing|urethra play|vagina|venus mound|mound of venus|vulva|xx|semen|ejaculation|clitoris|masturbation|masturbate|masturbating|orgasm|swastika|voyeur|tea bagging|topless|spread legs|blue waffle|jelly donut|chocolate rosebuds|dirty pillows|pleasure chest|rosy palm|tainted love|goodpoop|how to kill|how to murder|date rape|rape|raping|rapist|white power|poof|tit|scissoring|santorum|🖕|leather restraint|leather straight jacket|babeland|birdlock|tub girl|yellow showers|brown showers|golden shower|baby juice|baby batter|ball gravy|tushy|twink|barenaked|lemon party|pegging|figging|shrimping|snowballing|bastinado|smut|juggs|skeet|spunk|doggie style|doggy style|dog style|style doggy|eat my ass|ecchi|guro|shota|yaoi|kinbaku|shibari|nawashi|omorashi|gokkun|dolcett|strappado|octopussy|voyuer|violet wand|dp action|female squirting|male squirting|foot fetish|sultry women|suicide girls|hot carl|bullet vibe|clover clamps|dingleberry|dingleberries|tongue|make me come""".split('|')}
PROFANE_ROOTS = ['fuck', 'shit', 'cunt', 'nigg', 'whore', 'slut', 'bitch', 'dickhead', 'cocksuck', 'pussy', 'asshole', 'bastard',
                 'wank', 'jizz', 'twat', 'faggot', 'retard', 'kike', 'chink', 'gook', 'wetback', 'raghead', 'towelhead',
                 'motherf', 'mothaf', 'titfuck', 'cumshot', 'blowjob', 'handjob', 'rimjob', 'phuk']

def ascii_word(w):
    return all(c.isascii() and (c.isalpha() or c in " -'") for c in w) and len(w) >= 3

en = set()
for line in open(os.path.join(lex, 'ldnoobw', 'en.txt'), encoding='utf-8'):
    w = line.strip().lower()
    if w and ascii_word(w) and w not in EN_EXCLUDE:
        en.add(w)
for line in open(os.path.join(lex, 'cuss-en', 'cuss-en.tsv'), encoding='utf-8'):
    parts = line.rstrip('\n').split('\t')
    if len(parts) == 2 and parts[1] == '2':
        w = parts[0].lower()
        if ascii_word(w) and any(r in w for r in PROFANE_ROOTS) and w not in EN_EXCLUDE:
            en.add(w)

ZH_EXCLUDE = set("""13.|13点|十三点|九游|乳房|乳头|处女|屁股|成人|激情|月经|祖宗|笨蛋|白痴|白癡|私服|迷药|卵子|精子|老二|老母|放荡|撒尿|包皮|外阴|阴道|阴部|阴茎|阴毛|阴唇|阴核|阴户|陰莖|交配|你全家|你娘|你妈|妈妈的|娘的|妈的|她妈的|他妈|他妈的|他娘|老味|鬼公|贝肉|肥西|姣西|小肉粒|玉杵|刚度|口肯|野鸡|白烂|靠背|靠腰|靠爸|靠母|吹箫|后庭|打飞机|打炮|插你|粉腸|笨實|你老闆|你老味|你老母|硬膠|肉壁|密洞|性器|性无能|花柳|月经|妓|卵|奶|乳|奸|姦|幹|性|淫|屄|屌|逼|肏|賤|爛|尻|鳩|撚|柒|閪|㞗|祖宗|包皮|扒光|浪叫|雞巴|个老子的|卖B|妈B|妈个B|贱B|卖比|机机歪歪|龟头|阳具|阳萎|大卵子|小卵子|大卵泡|小卵泡|奶子|巨乳|瓜婆娘|龟儿子|狗屁|瘪三|小瘪三|老瘪三|刚瘪三|日你|干你|射你|小鸡鸡|鸡鸡|肉棒|几八|机八|鸡八|他奶奶|他奶奶的|你奶奶的|你她马的""".split('|'))
zh = set()
for line in open(os.path.join(lex, 'ldnoobw', 'zh.txt'), encoding='utf-8'):
    w = line.strip()
    if len(w) >= 2 and w not in ZH_EXCLUDE and not any(c.isdigit() for c in w):
        zh.add(w)

header_en = """#pack\tprofanity-en
#name\tEnglish profanity and slurs
#rule\tprofanity.en
#category\tprofanity
#severity\thigh
#basis\t小红书社区规范：低俗/辱骂内容; Zhongcao community rules
#description\tProfanity, sexual slang and slurs.
#remedy\tRemove “{term}”
#source\tDerived from LDNOOBW en (CC BY 4.0, Shutterstock and LDNOOBW contributors, https://github.com/LDNOOBW/List-of-Dirty-Naughty-Obscene-and-Otherwise-Bad-Words) and words/cuss rating 2 (MIT, (c) 2016 Titus Wormer); ambiguous entries removed by scripts/gate/gen_profanity_packs.py
"""
header_zh = header_en.replace('profanity-en', 'profanity-zh').replace('English profanity and slurs', '中文脏话与色情用语 / Chinese profanity').replace('profanity.en', 'profanity.zh').replace(
    'Derived from LDNOOBW en (CC BY 4.0, Shutterstock and LDNOOBW contributors, https://github.com/LDNOOBW/List-of-Dirty-Naughty-Obscene-and-Otherwise-Bad-Words) and words/cuss rating 2 (MIT, (c) 2016 Titus Wormer); ambiguous entries removed by scripts/gate/gen_profanity_packs.py',
    'Derived from LDNOOBW zh (CC BY 4.0, Shutterstock and LDNOOBW contributors, https://github.com/LDNOOBW/List-of-Dirty-Naughty-Obscene-and-Otherwise-Bad-Words); single characters and words with ordinary meanings removed by scripts/gate/gen_profanity_packs.py')
with open(os.path.join(out, 'profanity-en.tsv'), 'w', encoding='utf-8') as f:
    f.write(header_en)
    f.write('\n'.join(sorted(en)) + '\n')
with open(os.path.join(out, 'profanity-zh.tsv'), 'w', encoding='utf-8') as f:
    f.write(header_zh)
    f.write('\n'.join(sorted(zh)) + '\n')
print(len(en), 'en;', len(zh), 'zh')
