#!/usr/bin/env python3
"""Python reference for BENCHMARKS.md, "English sentiment": vaderSentiment 3.3.2 CPU throughput
on the English articles of data/articles.jsonl (split into sentences) and VADER's tweets.

    pip install vaderSentiment==3.3.2 && python3 scripts/vader_speed.py
"""
import json, time, re, resource
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
sia = SentimentIntensityAnalyzer()
def cpu(): return time.process_time()
arts=[json.loads(l) for l in open('data/articles.jsonl')]
arts=[a['text'] for a in arts if a.get('language')=='en' and a.get('text')]
# sentences: split after . ! ? followed by whitespace (close to slant's splitter for timing)
sents=[s for t in arts for s in re.split(r'(?<=[.!?])\s+', t) if s]
tweets=[l.rstrip('\n').split('\t',2)[2] for l in open('../shared/eval/vader/tweets_GroundTruth.tsv')]
for name, texts in [('articles (sentences)', sents), ('tweets', tweets)]:
    b=sum(len(t.encode()) for t in texts)
    best=[]
    for _ in range(3):
        t0=cpu()
        for t in texts: sia.polarity_scores(t)
        best.append(cpu()-t0)
    best.sort(); m=best[1]
    print(f'{name}: {len(texts)} texts, {b/1e6:.2f} MB, median CPU {m:.2f} s -> {b/1e6/m:.2f} MB/s')
