"""Synthetic but realistic stored quotes for the query benchmark (reproducible by seed).

Quote wording comes from a word-bigram chain learnt at run time from the PolNeAR dev
texts (so word frequencies look like news); speakers (people and organisations) are
quoted with Zipf-like popularity; articles carry 3 to 17 quotes, an outlet and a
publication date between 2008 and 2025.  Nothing from PolNeAR is stored in this
repository: the texts are read when the script runs.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import accumulate

from _common import polnear

from quotetrack.records import Article, ArticleResult, Cue, Quote, Span, Speaker

FIRST = ("Anna Boris Carlos Dmitry Elena Fatima George Hannah Ivan Julia Kofi Laura Mehmet"
         " Nadia Omar Paula Qiang Rosa Samuel Tatiana Umar Vera Walter Xenia Yusuf Zara"
         " Ahmed Beatriz Chen Daniel Emma Farid Grace Hiroshi Ingrid Jamal Katarzyna Luis"
         " Maria Nikolai Olga Pedro Rania Sergei Sofia Thomas Ursula Viktor Wei Yara").split()
SYLLABLES = ("ka ro vi len mar to sen do ri na bel go ver shi an ko mi lu pet ra han"
             " ste dor ul fin gra mo ze bra ton vel kin sor").split()
ORG_KINDS = ("Ministry of {}", "{} Party", "{} Institute", "{} Council", "{} Union",
             "{} Commission", "{} Foundation", "{} Agency")
TOPICS = ("Finance Defence Energy Health Labour Trade Justice Transport Education Farming"
          " Water Housing Science Culture Borders Climate").split()
CITIES = ("Northfield Easton Westbury Southport Lakeside Riverton Hillcrest Bayview"
          " Kingsbridge Fairhaven Oakdale Stonebrook").split()
PAPERS = "Herald Times Post Courier Gazette Tribune Chronicle Observer".split()
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|[.,;?!]")
START = date(2008, 1, 1)
DAYS = (date(2025, 12, 31) - START).days


def surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


class Chain:
    """A word-bigram chain: ``sentence()`` gives a news-like quote of 6 to 35 words."""

    def __init__(self, texts: list[str]) -> None:
        self.next: dict[str, list[str]] = {}
        self.starts: list[str] = []
        for text in texts:
            words = WORD.findall(text)
            for a, b in zip(words, words[1:], strict=False):
                self.next.setdefault(a, []).append(b)
                if a == "." and b[0].isupper():
                    self.starts.append(b)

    def sentence(self, rng: random.Random) -> str:
        words = [rng.choice(self.starts)]
        limit = rng.randint(6, 35)
        while len(words) < limit:
            word = rng.choice(self.next.get(words[-1]) or self.starts)
            if word in ".?!":
                if len(words) >= 6:
                    break
                word = rng.choice(self.starts)  # too short to end: a new clause
            words.append(word)
        return re.sub(r" ([,;?!])", r"\1", " ".join(words)).rstrip(",;") + "."


class Corpus:
    """Deterministic stream of synthetic ``ArticleResult``s for one seed."""

    def __init__(self, seed: int = 7, speakers: int = 20_000) -> None:
        rng = random.Random(seed)
        self.seed = seed
        self.chain = Chain([a.text for a in polnear()])
        people = [(f"{rng.choice(FIRST)} {surname(rng)}", "person") for _ in range(speakers)]
        orgs = [(rng.choice(ORG_KINDS).format(t), "organization") for t in TOPICS for _ in "ab"]
        self.speakers = list(dict.fromkeys(people + orgs))
        rng.shuffle(self.speakers)
        self.weights = list(accumulate(1 / (r + 1) ** 0.9 for r in range(len(self.speakers))))
        self.outlets = [f"{c} {p}" for c in CITIES for p in PAPERS]

    def articles(self, count: int) -> Iterator[ArticleResult]:
        """``count`` articles (ids syn-0000001 ...), the same ones for the same seed."""
        rng = random.Random(self.seed + 1)
        for n in range(count):
            yield self._article(rng, n)

    def quotes(self, count: int) -> Iterator[Quote]:
        """The first ``count`` quotes of ``articles``, in order."""
        seen = 0
        for result in self.articles(count):
            for quote in result.quotes:
                yield quote
                seen += 1
                if seen >= count:
                    return

    def speaker(self, rng: random.Random) -> tuple[str, str]:
        return rng.choices(self.speakers, cum_weights=self.weights)[0]

    def _article(self, rng: random.Random, n: int) -> ArticleResult:
        day = START + timedelta(days=rng.randrange(DAYS))
        parts: list[str] = []
        quotes: list[Quote] = []
        pos = 0
        for k in range(rng.randint(3, 17)):
            name, kind = self.speaker(rng)
            text = self.chain.sentence(rng)
            lead = f'{name} said: "'
            start = pos + len(lead)
            quotes.append(_quote(text, start, name, kind, pos, k, rng))
            piece = f'{lead}{text}" '
            parts.append(piece)
            pos += len(piece)
        names = dict.fromkeys((q.speaker or "", q.speaker_kind) for q in quotes)
        article = Article(id=f"syn-{n:07d}", text="".join(parts), url=f"https://news.test/{n}",
                          title=f"Story {n}", outlet=rng.choice(self.outlets),
                          published_at=day.isoformat())
        return ArticleResult(article, tuple(quotes),
                             tuple(Speaker(s, k, (s,)) for s, k in names),
                             model="synthetic", extractor_version="bench")


def _quote(text: str, start: int, name: str, kind: str, at: int, k: int,
           rng: random.Random) -> Quote:
    cue_at = at + len(name) + 1
    return Quote(start=start, end=start + len(text), text=text,
                 kind=rng.choices(("direct", "indirect", "mixed"), (6, 3, 1))[0],
                 sentence=k, paragraph=k, speaker=name, speakers=(),
                 speaker_kind=kind,  # type: ignore[arg-type]
                 speaker_mention=Span(at, at + len(name), name),
                 cue=Cue(cue_at, cue_at + 4, "said", "say"), role=None, stance=None,
                 method="synthetic", confidence=round(rng.uniform(0.5, 1.0), 3))


STOP = set("""a an the of to in and or is are was were be been that this these those for on
it its with as at by from he she we they i you his her their our my your not but
have has had will would can could said says say there here which who what when also
than then them him us me do does did so if about into more most""".split())


def word_bands(quotes: list[str]) -> dict[str, list[str]]:
    """Content words by how many sampled quotes hold them: common, mid, rare."""
    df = Counter(w for q in quotes for w in {x.lower() for x in WORD.findall(q)}
                 if w.isalpha() and w not in STOP and len(w) > 2)
    ranked = [w for w, _ in df.most_common()]
    return {"common": ranked[:150], "mid": ranked[150:2000], "rare": ranked[2000:]}
