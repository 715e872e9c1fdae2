"""Word log-probabilities for segmentation scoring: jieba's dict.txt (MIT) for the words and their tags, wordfreq's
list for newer words, and where jionlp's word counts (Apache-2.0, from 4.8 billion words) know a word, their
frequency instead of jieba's (a 60-million-word corpus of 2012 and before); each read from its installed package."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..lexicon import _jieba_dict
from ..text import basic_han_word

MAX_WORD = 6  # longer dictionary entries are idioms and names; they add little and cost a lookup each


@dataclass(frozen=True)
class Lexicon:
    logp: dict[str, float]  # word -> log P(word) under a unigram model
    freq: dict[str, int]
    tags: dict[str, str]  # jieba part-of-speech tag of the words tagged as names or set phrases
    char_freq: dict[str, int]  # summed frequency of the words containing each character
    unknown: float  # log-probability of a character that is not a dictionary word
    prefixes: frozenset[str]  # every proper prefix of a word, so segmentation stops extending early
    # Four-character idioms and set phrases (jieba's tags i and l) seen at least SET_PHRASE_FREQ times in jieba's
    # own counts, which jionlp's frequencies do not replace here (TY004's fixed phrases).
    set_phrases: frozenset[str] = frozenset()
    # The words only jionlp's counts have (串标, 网格员, and fragments of its segmenter such as 为民服).
    counted_only: frozenset[str] = frozenset()
    stamp: str = ""  # a hash of what the lexicon was built from, for the keys of tables built from it

    def word(self, w: str) -> int:
        return self.freq.get(w, 0)


# wordfreq's list (newer than jieba's 2012 dictionary: 抗疫, 大数据) also holds frequent misspellings (参于 at
# 3e-8), so only its words at least this frequent are added.
WORDFREQ_MIN = 1e-7


@lru_cache(maxsize=2)
def lexicon(with_wordfreq: bool = True) -> Lexicon:
    """The lexicon, read back from the disk cache when its sources have not changed (typo/cache.py)."""
    from .cache import cached, file_stamp, text_hash

    counts = _jionlp_counts()
    inputs = [file_stamp(_jieba_dict()), _wordfreq_version() if with_wordfreq else None, MAX_WORD, WORDFREQ_MIN,
              file_stamp(counts) if counts else None, JIONLP_MIN, DOMAIN_FREQ, *domain_hash(), SET_PHRASE_FREQ, _VERSION]
    logp, freq, tags, char_freq, unknown, prefixes, phrases, added = cached("lexicon", inputs,
                                                                            lambda: _build(with_wordfreq, counts))
    return Lexicon(logp, freq, tags, char_freq, unknown, prefixes, phrases, added, text_hash(repr(inputs)))


# Only the tags something reads are kept: names (guard.py), set phrases (TY004's fixed phrases), and every
# two-character word's (DU001 tells doubled nouns from reduplicated verbs by them).
_KEPT_TAGS = ("nr", "ns", "nt", "nz", "i", "l")


def _build(with_wordfreq: bool, counts: Path | None):
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    char_freq: dict[str, int] = {}
    with _jieba_dict().open(encoding="utf-8") as f:
        for line in f:
            word, count, tag = line.split()
            n = int(count)
            for c in word:
                char_freq[c] = char_freq.get(c, 0) + n
            if len(word) <= MAX_WORD and n > 0:
                freq[word] = n
                if tag.startswith(_KEPT_TAGS) or len(word) == 2:
                    tags[word] = tag
    total = sum(freq.values())
    # jieba's own counts decide the set phrases; the project's domain words are ones too.
    phrases = {w for w, t in tags.items() if len(w) == 4 and t in ("i", "l") and freq[w] >= SET_PHRASE_FREQ}
    if with_wordfreq:
        _add_wordfreq(freq, tags, total)
    known = set(freq)
    if counts is not None:
        _use_jionlp(freq, total, counts)
    domain = domain_words()
    _add_domain(freq, domain)
    added = frozenset(set(freq) - known - set(domain))
    phrases = frozenset(phrases | {w for w in domain if len(w) == 4 and tags.get(w) in ("i", "l")})
    total = sum(freq.values())
    log_total = math.log(total)
    logp = {w: math.log(n) - log_total for w, n in freq.items()}
    prefixes = frozenset(w[:k] for w in freq for k in range(1, len(w)))
    # An out-of-dictionary character costs as much as a word seen once, and a bit more: unseen is rarer.
    return logp, freq, tags, char_freq, -log_total - 2.0, prefixes, phrases, added


def _wordfreq_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wordfreq")
    except PackageNotFoundError:
        return None


def best_segmentation(text: str, lex: Lexicon, piece_cost: float = 0.0) -> tuple[float, list[int]]:
    """Max log-probability of `text` as a sequence of dictionary words (unknown characters alone), and the
    word boundaries of that segmentation (jieba's route, without its HMM for unknown words).

    `piece_cost` is subtracted once per word: a word-insertion penalty, which favours readings in long words.
    """
    n = len(text)
    logp = lex.logp
    prefixes = lex.prefixes
    unknown = lex.unknown
    # Forward over the word graph, as jieba does: from each start, extend while the text is a prefix of a word.
    best = [0.0] + [-1e18] * n
    back = [0] * (n + 1)
    for k in range(n):
        here = best[k]
        s = here + logp.get(text[k], unknown) - piece_cost
        if s > best[k + 1]:
            best[k + 1], back[k + 1] = s, k
        j = k + 2
        while j <= n and j - k <= MAX_WORD:
            piece = text[k:j]
            p = logp.get(piece)
            if p is not None:
                s = here + p - piece_cost
                if s > best[j]:
                    best[j], back[j] = s, k
            if piece not in prefixes:
                break
            j += 1
    bounds = [n]
    while bounds[-1] > 0:
        bounds.append(back[bounds[-1]])
    return best[n], bounds[::-1]


def _add_wordfreq(freq: dict[str, int], tags: dict[str, str], total: int) -> None:
    """Han words of wordfreq's large Chinese list (Apache-2.0 code; data CC BY-SA 4.0) missing from jieba."""
    try:
        import wordfreq
    except ImportError:  # an optional enhancement
        return
    for word, f in wordfreq.get_frequency_dict("zh", wordlist="large").items():
        if f < WORDFREQ_MIN or not 2 <= len(word) <= MAX_WORD or word in freq:
            continue
        if basic_han_word(word):
            freq[word] = max(1, round(f * total))


SET_PHRASE_FREQ = 50
_VERSION = 4  # of what _build makes from its inputs: a new one rebuilds the cached lexicon

# jionlp's words at least this frequent (its list has misspellings and fragments further down).
JIONLP_MIN = 1e-7


def _jionlp_counts():
    """jionlp's word counts (dictionary/word_distribution.zip: JSON lines [word, count]), when installed."""
    from .packaged import packaged_file

    return packaged_file("jionlp", "dictionary", "word_distribution.zip")  # located, not imported


def _use_jionlp(freq: dict[str, int], total: int, path: Path) -> None:
    """jionlp's frequency, scaled to jieba's corpus, for every Han word of two to MAX_WORD characters it counts at
    least JIONLP_MIN times a word: a corpus eighty times larger and newer estimates them better and knows newer
    words (串标, 网格员; ECSpell-odw, even lines: correction F1 +0.05 at the same false alarms). The words only it
    has include fragments of its segmenter (为民服), which Lexicon.counted_only lets a rule tell apart. A file
    that cannot be read changes nothing."""
    import json
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            rows = [json.loads(line) for name in z.namelist() if name.endswith(".json")
                    for line in z.read(name).decode("utf-8").splitlines() if line.strip()]
    except Exception:  # a damaged archive raises zlib.error, EOFError, RuntimeError ... as well: counts unchanged
        return
    # Rows are [word, count]; any other row is skipped.
    rows = [r for r in rows if isinstance(r, list) and len(r) == 2 and isinstance(r[0], str)
            and isinstance(r[1], int) and not isinstance(r[1], bool) and r[1] > 0]
    counted = sum(n for _, n in rows)
    if not counted:
        return
    for word, n in rows:
        if 2 <= len(word) <= MAX_WORD and n >= JIONLP_MIN * counted and basic_han_word(word):
            freq[word] = max(1, round(n / counted * total))


# A domain word (提质增效, 急难愁盼) counts as a word seen this often in jieba's corpus: known, not common.
DOMAIN_FREQ = 200


def domain_words() -> list[str]:
    """The project's own words: domain_words.txt and the formulations of the knowledge base."""
    from ..knowledge import load_knowledge

    words = [w.strip() for w in _domain_text().splitlines() if w.strip() and not w.startswith("#")]
    for f in load_knowledge().formulations:
        words.append(f.term)
        words.extend(f.parts)
    return words


def domain_hash() -> list[str]:
    """What domain_words() is built from, for the disk caches' keys."""
    from .cache import text_hash

    return [text_hash(_domain_text()), text_hash(_formulations_text())]


def _add_domain(freq: dict[str, int], domain: list[str]) -> None:
    for w in domain:
        if 2 <= len(w) <= MAX_WORD:
            freq[w] = max(freq.get(w, 0), DOMAIN_FREQ)


def _domain_text() -> str:
    return resources.files(__package__).joinpath("domain_words.txt").read_text(encoding="utf-8")


def _formulations_text() -> str:
    return resources.files("shuzhi.review.knowledge").joinpath("formulations.yaml").read_text(encoding="utf-8")
