"""creditsite: turns a commune's plan data into a bilingual outreach website.

The package knows nothing about MkDocs. It loads and validates `plan_data/`,
renders Markdown pages and open data, and stages a complete docs tree that
any MkDocs-compatible engine can build. `hooks/` only adapt it to MkDocs.
"""

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
