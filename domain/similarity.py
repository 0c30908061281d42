"""How alike two texts are: TF-IDF cosine over terms (R-MG-1 merge candidates, R-RP-8 repeats).

Pure: the caller segments Chinese text into terms (word segmentation lives in ``api/``); this
module keeps an inverted index of the terms and ranks documents by the cosine of their
sublinear TF-IDF vectors, between 0 (nothing shared) and 1 (the same words, equally often).

Conventions:
- weight of a term in a text: ``(1 + ln tf) * idf``, ``idf = ln((1 + N) / (1 + df)) + 1``;
- a document's norm is computed with the idf of the moment it was added, and every norm is
  recomputed once the corpus has grown or shrunk by a tenth since the last recomputation,
  so the ranking never drifts far from exact while adding a document stays cheap;
- terms found in more than a tenth of the documents (and in over a thousand) only refine
  the score of the candidates the rarer terms found (their contribution is exact for
  those), which keeps a query fast over tens of thousands of documents.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

#: R-MG-1: items this alike are offered as merge candidates (a hint; the office decides).
MERGE_CANDIDATE_SCORE = 0.3
#: R-RP-8: a reply this alike to an earlier year's reply repeats it rather than reporting
#: new progress; the unit is warned, never stopped.
REPEAT_WARNING_SCORE = 0.8
#: Below this a match is noise and is not shown at all.
MIN_SCORE = 0.05

_COMMON_SHARE = 0.1
_COMMON_MIN_DF = 1000  # below this, every term finds candidates (small corpora are exact)
_RENORM_SHARE = 0.1
_REFINED = 200

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Match(Generic[K]):
    key: K
    score: float


def _tf_weights(terms: Iterable[str]) -> dict[str, float]:
    return {term: 1.0 + math.log(n) for term, n in Counter(terms).items()}


class TfIdfIndex(Generic[K]):
    """Documents (any hashable key) as bags of terms; ``similar`` ranks them against a text."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._slot: dict[K, int] = {}
        self._keys: list[K | None] = []
        self._doc_terms: list[tuple[str, ...]] = []
        self._doc_weights: list[array[float]] = []
        self._norms = array("d")
        self._postings: dict[str, tuple[array[int], array[float]]] = {}
        self._df: Counter[str] = Counter()
        self._dead = 0
        self._normed_at = 0

    def __len__(self) -> int:
        return len(self._slot)

    def __contains__(self, key: object) -> bool:
        return key in self._slot

    def idf(self, term: str) -> float:
        return math.log((1 + len(self._slot)) / (1 + self._df.get(term, 0))) + 1.0

    def add(self, key: K, terms: Iterable[str]) -> None:
        """Adds (or replaces) one document."""
        if key in self._slot:
            self.remove(key)
        self._add_weighted(key, _tf_weights(terms))
        self._maybe_renorm()

    def add_many(self, documents: Iterable[tuple[K, Iterable[str]]]) -> None:
        """Adds (or replaces) many documents; a large batch reweighs the corpus once at the
        end, a small one (a refresh) weighs only its own documents."""
        added = []
        for key, terms in documents:
            if key in self._slot:
                self.remove(key)
            weights = _tf_weights(terms)
            self._add_weighted(key, weights, weigh=False)
            added.append((self._slot[key], weights))
        if len(added) > _RENORM_SHARE * max(self._normed_at, 10):
            self._renorm()
        else:
            for slot, weights in added:
                self._norms[slot] = self._norm(weights)

    def remove(self, key: K) -> None:
        slot = self._slot.pop(key, None)
        if slot is None:
            return
        self._keys[slot] = None
        for term in self._doc_terms[slot]:
            self._df[term] -= 1
        self._dead += 1
        if self._dead > max(1000, len(self._slot)):
            self._compact()
        else:
            self._maybe_renorm()

    def similar(
        self,
        terms: Iterable[str],
        *,
        limit: int = 10,
        allowed: Callable[[K], bool] | None = None,
        exclude: K | None = None,
        min_score: float = MIN_SCORE,
    ) -> list[Match[K]]:
        """The ``limit`` documents most like ``terms``, best first (ties: the earliest added)."""
        query = {t: w * self.idf(t) for t, w in _tf_weights(terms).items() if t in self._df}
        query_norm = math.sqrt(sum(w * w for w in query.values()))
        if not query or query_norm == 0 or limit <= 0:
            return []
        common_df = max(_COMMON_SHARE * len(self._slot), _COMMON_MIN_DF)
        rare = [t for t in query if self._df[t] <= common_df] or list(query)
        common = [t for t in query if t not in rare]
        scores = self._accumulate(query, rare)
        wanted = max(limit, _REFINED) if common else limit
        ranked = []
        for partial, slot, key in self._best(scores, wanted, allowed, exclude):
            total = partial + self._common_part(slot, common, query) if common else partial
            score = min(1.0, total / (query_norm * self._norms[slot]))
            if score >= min_score:
                ranked.append(Match(key, round(score, 4)))
        ranked.sort(key=lambda m: -m.score)
        return ranked[:limit]

    def _accumulate(self, query: dict[str, float], terms: list[str]) -> dict[int, float]:
        """Each document's dot product with the query over ``terms`` (inverted lists)."""
        scores: dict[int, float] = {}
        get = scores.get
        for term in terms:
            factor = query[term] * self.idf(term)
            slots, weights = self._postings[term]
            for slot, weight in zip(slots, weights, strict=True):
                scores[slot] = get(slot, 0.0) + factor * weight
        return scores

    def _best(
        self,
        scores: dict[int, float],
        wanted: int,
        allowed: Callable[[K], bool] | None,
        exclude: K | None,
    ) -> list[tuple[float, int, K]]:
        """The ``wanted`` best live, allowed documents: popped best first from a heap, so
        ``allowed`` is asked of a few documents, not of every one that shares a word."""
        heap = [(-score, slot) for slot, score in scores.items()]
        heapq.heapify(heap)
        excluded = self._slot.get(exclude) if exclude is not None else None
        found: list[tuple[float, int, K]] = []
        while heap and len(found) < wanted:
            negative, slot = heapq.heappop(heap)
            key = self._keys[slot]
            if key is None or slot == excluded or (allowed is not None and not allowed(key)):
                continue
            found.append((-negative, slot, key))
        return found

    def _common_part(self, slot: int, common: list[str], query: dict[str, float]) -> float:
        own = dict(zip(self._doc_terms[slot], self._doc_weights[slot], strict=True))
        return sum(query[t] * self.idf(t) * own[t] for t in common if t in own)

    def _norm(self, weights: dict[str, float]) -> float:
        total = sum((w * self.idf(t)) ** 2 for t, w in weights.items())
        return math.sqrt(total) or 1.0

    def _maybe_renorm(self) -> None:
        if abs(len(self._slot) - self._normed_at) > _RENORM_SHARE * max(self._normed_at, 10):
            self._renorm()

    def _renorm(self) -> None:
        for slot, key in enumerate(self._keys):
            if key is not None:
                weights = zip(self._doc_terms[slot], self._doc_weights[slot], strict=True)
                self._norms[slot] = self._norm(dict(weights))
        self._normed_at = len(self._slot)

    def _compact(self) -> None:
        """Drops removed documents' slots once they outnumber the live ones."""
        live = [
            (key, dict(zip(self._doc_terms[slot], self._doc_weights[slot], strict=True)))
            for slot, key in enumerate(self._keys)
            if key is not None
        ]
        self._reset()
        for key, weights in live:
            self._add_weighted(key, weights, weigh=False)
        self._renorm()

    def _add_weighted(self, key: K, weights: dict[str, float], weigh: bool = True) -> None:
        slot = len(self._keys)
        self._slot[key] = slot
        self._keys.append(key)
        self._doc_terms.append(tuple(weights))
        self._doc_weights.append(array("f", weights.values()))
        for term, weight in weights.items():
            self._df[term] += 1
            posting = self._postings.get(term)
            if posting is None:
                posting = self._postings[term] = (array("i"), array("f"))
            posting[0].append(slot)
            posting[1].append(weight)
        self._norms.append(self._norm(weights) if weigh else 1.0)


def is_repeat(score: float) -> bool:
    """R-RP-8: the reply says nearly what an earlier year's reply said."""
    return score >= REPEAT_WARNING_SCORE
