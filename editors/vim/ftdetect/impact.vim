" SPDX-License-Identifier: GPL-3.0-or-later
" Copyright (C) 2026 The impact authors
" impact model files: *.impact
autocmd BufRead,BufNewFile *.impact setfiletype impact
