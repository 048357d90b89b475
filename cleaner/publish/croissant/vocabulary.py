"""The Croissant vocabulary this package writes: the JSON-LD context, data types, keys and the
fixed descriptions of each config."""

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
RAI_CONFORMS_TO = "http://mlcommons.org/croissant/RAI/1.0"
PARQUET = "application/x-parquet"
MAX_LISTED_INPUTS = 30
EPOCH_DATE = "1970-01-01"

# The context mlcroissant writes for Croissant 1.1 (so that readers see a standard @context),
# plus the PROV-O prefix for provenance.
CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "prov": "http://www.w3.org/ns/prov#",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "description": {"@container": "@language"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "name": {"@container": "@language"},
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "sdVersion": "cr:sdVersion",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

DATA_TYPES = {"string": "sc:Text", "strings": "sc:Text", "int64": "sc:Integer", "int32": "sc:Integer",
              "float64": "sc:Float", "bool": "sc:Boolean", "timestamp[ms]": "sc:Date"}
KEYS = {"articles": ("id",), "segments": ("id", "index"), "rejected": ("id",)}
CONFIG_DESCRIPTIONS = {
    "articles": "One row per kept article: the cleaned body, metadata read from the page, "
                "and where it came from (source_file, source_sha256, source_bytes, encoding, repairs).",
    "segments": "One row per block of a kept article, in reading order, split into sentences. "
                "Join to articles on id.",
    "removals": "One row per span taken out of an input, with character offsets into the decoded "
                "input, the category and the id of the rule that removed it.",
    "rejected": "One row per input not published as an article, with a reason code.",
}
UNKNOWN_LICENSE = ("The licence of this dataset is unknown: the inputs are scraped news pages whose "
                   "licences and terms of use were not recorded. Check the original publishers' "
                   "terms before redistributing or training on this data.")
