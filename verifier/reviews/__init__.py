"""Past fact checks (ClaimReview): read them as fact-checkers publish them, match claims."""
