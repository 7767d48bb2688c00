"""The data behind each page and API answer, computed once for both the HTML and the JSON."""
