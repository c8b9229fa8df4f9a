"""Stored models as bytes: read back from a backup only through an allowlist of what a topic
model is made of.

A store keeps its topic model pickled (its own file, written by this tool). A backup folder is
something a user may have been sent, and unpickling arbitrary bytes runs arbitrary code, so a
restore reads the model with :func:`loads`: an unpickler that resolves only the classes and
array/frame reconstructors a :class:`~techdiplomacy.topics.model.TopicModel` is made of
(scikit-learn estimators, which only store parameters in ``__init__``; numpy arrays; pandas
frames; this package's topic classes). Anything else stops the restore with the name it met.
"""

from __future__ import annotations

import io
import pickle

#: (module, name) pairs a topic model's pickle refers to. A test pickles a freshly fitted model
#: and checks that everything it refers to is here (so a dependency upgrade that changes the
#: pickle names the pair to add, instead of silently breaking restores).
ALLOWED = frozenset({
    ("builtins", "slice"), ("builtins", "bytearray"), ("builtins", "set"), ("builtins", "frozenset"),
    ("builtins", "complex"), ("copyreg", "_reconstructor"), ("builtins", "object"),
    ("numpy", "dtype"), ("numpy", "ndarray"), ("numpy", "float32"), ("numpy", "float64"), ("numpy", "int64"),
    ("numpy", "int32"), ("numpy", "bool_"),
    ("numpy._core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "scalar"),
    ("numpy.core.multiarray", "_reconstruct"), ("numpy.core.multiarray", "scalar"),
    ("numpy._core.numeric", "_frombuffer"), ("numpy.core.numeric", "_frombuffer"),
    ("numpy.random._pickle", "__randomstate_ctor"), ("numpy.random._pickle", "__bit_generator_ctor"),
    ("numpy.random._mt19937", "MT19937"), ("numpy.random.mtrand", "RandomState"),
    ("pandas", "DataFrame"), ("pandas", "Index"), ("pandas", "RangeIndex"), ("pandas", "Int64Dtype"),
    ("pandas", "StringDtype"), ("pandas", "NA"), ("pandas", "Series"),
    ("pandas._libs.internals", "_unpickle_block"), ("pandas._libs.missing", "NA"),
    ("pandas.core.indexes.base", "_new_Index"), ("pandas.core.indexes.base", "Index"),
    ("pandas.core.indexes.range", "RangeIndex"), ("pandas.core.internals.managers", "BlockManager"),
    ("pandas.core.arrays.string_", "StringDtype"), ("pandas.core.arrays.integer", "Int64Dtype"),
    ("pandas.core.arrays.string_arrow", "ArrowStringArray"), ("pandas.core.arrays.integer", "IntegerArray"),
    ("pandas.arrays", "ArrowStringArray"), ("pandas.arrays", "IntegerArray"),
    ("pyarrow.lib", "_restore_array"), ("pyarrow.lib", "py_buffer"), ("pyarrow.lib", "type_for_alias"),
    ("sklearn.pipeline", "Pipeline"), ("sklearn.compose._column_transformer", "ColumnTransformer"),
    ("sklearn.feature_extraction.text", "TfidfVectorizer"), ("sklearn.feature_extraction.text", "TfidfTransformer"),
    ("sklearn.preprocessing._data", "Normalizer"), ("sklearn.cluster._kmeans", "KMeans"),
    ("sklearn.decomposition._truncated_svd", "TruncatedSVD"),
    ("techdiplomacy.topics.model", "TopicModel"), ("techdiplomacy.topics.model", "TopicSettings"),
    ("techdiplomacy.topics.features", "TopicText"), ("techdiplomacy.topics.features", "ConceptTokens"),
    ("techdiplomacy.topics.features", "LSA"),
})


class RefusedModel(ValueError):
    """A backup's model refers to something a topic model is not made of."""


class _Allowlisted(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in ALLOWED:
            raise RefusedModel(f"the model refers to {module}.{name}, which no topic model is made of")
        return super().find_class(module, name)


def loads(data: bytes):
    """Return the model pickled in ``data``, resolving only :data:`ALLOWED` names."""
    return _Allowlisted(io.BytesIO(data)).load()


def referred(data: bytes) -> set[tuple[str, str]]:
    """Return the (module, name) pairs the pickle ``data`` refers to (for the allowlist's test;
    ``data`` is unpickled whole, so only for bytes this tool wrote)."""
    seen: set[tuple[str, str]] = set()

    class Recording(pickle.Unpickler):
        def find_class(self, module: str, name: str):
            seen.add((module, name))
            return super().find_class(module, name)

    Recording(io.BytesIO(data)).load()
    return seen
