"""The extract stage: from a ``ParsedDoc`` to attributed quotes (pure functions).

Quote spans (``marks``, ``cues``, ``claims``, ``quotes``, ``turns``, ``furniture``,
``nesting``), entities and coreference (``entities``, ``coref``), attribution
(``attribution``, ``speakers``, ``canonical``, ``cueless``), over the dependency index
in ``syntax``.  ``quotetrack.pipeline`` composes them.
"""
