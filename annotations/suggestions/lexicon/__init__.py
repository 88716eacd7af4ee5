"""The suggester's word lists, written for the project: plain Python data, no downloads.

    verbs         reporting verbs in every inflected form, and which of them take a clause
    titles        titles and the words that build them ("Defense Secretary", "Prime Minister")
    organisations words that make a capitalised run an organisation; well-known ones
    places        a gazetteer: countries, capitals, major cities, US states, regions
    common        function words, demonyms, calendar words and other capitals that name nobody
    hedges        the phrases that leave a point open

Kept as modules rather than JSON so importing them costs one unmarshal of bytecode.
"""
