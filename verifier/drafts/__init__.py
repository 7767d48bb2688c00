"""Check whole drafts: sentences, the claims in them, offsets into the draft, context."""

from verifier.drafts.check import DraftResult, DraftSentence, check_draft
from verifier.drafts.segment import split_sentences

__all__ = ["DraftResult", "DraftSentence", "check_draft", "split_sentences"]
