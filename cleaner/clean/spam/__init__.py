"""The spam machinery behind the span rules of cleaner/clean/rules/spam_*.py, in the order it runs:

- params      SpamParams: every threshold, carried by Settings.spam
- words       jieba's dictionary as a word model: segmentation, bonds across a fragment's edges
- lexicon     the spam lexicon data files and the patterns built from them
- page        the document as the rules see it (Body), spans -> removals, quoted, name_like
- ads         ad vocabulary: brands, verticals, access forms, lures, URLs, learned stems
- candidates  shard candidates: recurring non-words loose between words, in varied company
- cycles      fragments whose occurrences take turns in one cyclic order
- joins       whether pieces fit back together (words across joins, phrases, chopped words)
- slots       hidden shards in the same slot of every round; a round cut short
- evidence    whether a cycle is an injected slogan rather than the article's own terms
- shards      the search of one document, cycle by cycle
"""
