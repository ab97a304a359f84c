"""A module made only to show that a new module is one package plus one manifest line: 便签 (notes a clerk keeps
with a reminder date). It touches no shared file; `modules.added(MANIFEST)` stands for the one line in
`models/core/modules.py`. (It lives under tests/ so it never ships; a real module has the same shape in models/.)"""
