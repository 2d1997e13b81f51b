;;; impact-mode.el --- major mode for impact social-impact models  -*- lexical-binding: t; -*-

;; SPDX-License-Identifier: GPL-3.0-or-later
;; Copyright (C) 2026 The impact authors
;; Install: (add-to-list 'load-path "/path/to/impact/editors/emacs")
;;          (require 'impact-mode)

;;; Commentary:
;; Highlighting, comments and indentation for .impact files (the language
;; reference is SPEC.md in the impact repository).

;;; Code:

(defgroup impact nil "Editing impact models." :group 'languages)

(defcustom impact-indent-offset 2
  "Spaces added inside each open bracket."
  :type 'integer :group 'impact)

(defconst impact--keywords
  '("let" "fn" "print" "use" "as" "unit" "model" "if" "then" "else"
    "and" "or" "not" "in" "to" "where" "by" "with" "for" "assume"))

(defconst impact--declarations '("stakeholder" "input" "outcome" "assume"))

(defconst impact--fields
  '("quantity" "proxy" "duration" "deadweight" "attribution" "displacement"
    "dropoff" "indicator" "source" "proxy_source" "quantity_source" "domain"
    "discount" "discounting" "currency" "start" "funder_share" "material" "evidence"
    "range"))

(defconst impact-font-lock-keywords
  `((,(concat "\\_<model\\_>[ \t]+\\(\\(?:\\sw\\|\\s_\\)+\\)") 1 font-lock-type-face)
    (,(concat "^[ \t]*" (regexp-opt impact--declarations 'symbols)
              "[ \t]+\\(\\(?:\\sw\\|\\s_\\)+\\)")
     (1 font-lock-keyword-face) (2 font-lock-function-name-face))
    (,(concat "^[ \t]*" (regexp-opt impact--fields 'symbols) "[ \t]*=")
     1 font-lock-variable-name-face)
    (,(regexp-opt impact--keywords 'symbols) . font-lock-keyword-face)
    ("\\_<\\(true\\|false\\)\\_>" . font-lock-constant-face)
    ("\\_<[0-9][0-9_]*\\(?:\\.[0-9][0-9_]*\\)?\\(?:[eE][-+]?[0-9]+\\)?\\(%\\)?[ \t]*\\(\\(?:\\sw\\|\\s_\\)+\\)?"
     (0 font-lock-constant-face)
     (2 font-lock-type-face t t))))

(defvar impact-mode-syntax-table
  (let ((st (make-syntax-table)))
    (modify-syntax-entry ?# "<" st)
    (modify-syntax-entry ?\n ">" st)
    (modify-syntax-entry ?\" "\"" st)
    (modify-syntax-entry ?_ "_" st)
    (modify-syntax-entry ?% "." st)
    st)
  "Syntax table of `impact-mode'.")

(defun impact-indent-line ()
  "Indent the current line by the depth of the brackets around it."
  (interactive)
  (let* ((depth (save-excursion (car (syntax-ppss (line-beginning-position)))))
         (closing (save-excursion (back-to-indentation) (looking-at "[]})]")))
         (column (* impact-indent-offset (max 0 (- depth (if closing 1 0))))))
    (if (<= (current-column) (current-indentation))
        (indent-line-to column)
      (save-excursion (indent-line-to column)))))

;;;###autoload
(define-derived-mode impact-mode prog-mode "impact"
  "Major mode for impact social-impact (SROI) model files."
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "#+[ \t]*")
  (setq-local font-lock-defaults '(impact-font-lock-keywords))
  (setq-local indent-line-function #'impact-indent-line))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.impact\\'" . impact-mode))

(provide 'impact-mode)
;;; impact-mode.el ends here
