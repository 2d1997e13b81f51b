" impact model files: *.impact
autocmd BufRead,BufNewFile *.impact setfiletype impact
