" SPDX-License-Identifier: GPL-3.0-or-later
" Copyright (C) 2026 The impact authors
" Vim syntax file for the impact language (social-impact / SROI models).
" Install: copy editors/vim/syntax and editors/vim/ftdetect into ~/.vim/
" (or add editors/vim to 'runtimepath').
if exists("b:current_syntax")
  finish
endif

syn keyword impactStatement   let fn print use as unit
syn keyword impactConditional if then else
syn keyword impactOperatorWord and or not in to where by with for
syn keyword impactBoolean     true false
syn keyword impactModel       model nextgroup=impactModelName skipwhite
syn match   impactModelName   "\<\h\w*" contained
syn match   impactDeclaration "^\s*\<\(stakeholder\|input\|outcome\|assume\)\>"
syn match   impactField       "^\s*\<\(quantity\|proxy\|duration\|deadweight\|attribution\|displacement\|dropoff\|indicator\|source\|proxy_source\|quantity_source\|domain\|discount\|discounting\|currency\|start\|funder_share\|material\|evidence\|range\)\>\ze\s*="
" A number, with its percent sign or the unit written after it (9_000 EUR).
syn match   impactNumber      "\<\d[0-9_]*\(\.\d[0-9_]*\)\=\([eE][+-]\=\d\+\)\=" nextgroup=impactPercent,impactUnit skipwhite
syn match   impactPercent     "%" contained
syn match   impactUnit        "\<\(and\|or\|not\|in\|to\|where\|by\|with\|then\|else\|for\|if\|as\)\@!\h\w*" contained
syn region  impactString      start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ contains=impactEscape
syn match   impactEscape      +\\[\\"nt]+ contained
syn match   impactComment     "#.*$" contains=@Spell

hi def link impactStatement    Statement
hi def link impactConditional  Conditional
hi def link impactOperatorWord Operator
hi def link impactBoolean      Boolean
hi def link impactModel        Structure
hi def link impactModelName    Type
hi def link impactDeclaration  Structure
hi def link impactField        Identifier
hi def link impactNumber       Number
hi def link impactPercent      Special
hi def link impactUnit         Type
hi def link impactString       String
hi def link impactEscape       SpecialChar
hi def link impactComment      Comment

setlocal commentstring=#\ %s
let b:current_syntax = "impact"
