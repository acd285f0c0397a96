;;; e2e.el --- Emacs (eglot) end to end: the docs/editors.md snippet, run for real.  -*- lexical-binding: t -*-
;; emacs --batch -Q -l e2e.el ; environment: ARTICLE_LSP_BIN, ARTICLE_E2E_FILE,
;; ARTICLE_E2E_COUNT (entities the engine finds), ARTICLE_E2E_AMOUNT / _CURRENCY / _OFFSET
;; (a money entity: digits, currency, code point offset inside it).
(package-initialize)
(require 'eglot)
(require 'flymake)

(defvar e2e-passed 0)
(defvar e2e-failed 0)
(defun e2e-check (name ok &optional detail)
  (if ok
      (progn (setq e2e-passed (1+ e2e-passed)) (message "  ok   %s" name))
    (setq e2e-failed (1+ e2e-failed))
    (message "  FAIL %s%s" name (if detail (format ": %s" detail) ""))))
(defun e2e-wait (pred seconds)
  (let ((end (+ (float-time) seconds)) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) end))
      (accept-process-output nil 0.1))
    v))

;; --- the snippet from docs/editors.md, with the binary from the environment ---------------
(define-derived-mode article-mode text-mode "Article")
(add-to-list 'auto-mode-alist '("\\.article\\'" . article-mode))
(add-to-list 'eglot-server-programs
             `((article-mode text-mode markdown-mode) . (,(getenv "ARTICLE_LSP_BIN") "serve")))
(setq-default eglot-workspace-configuration
              '(:articleLsp (:debounceMs 150
                             :inlayHints t
                             :kinds (:company "information" :money "information"
                                     :percent "information" :date "information"))))
;; ---------------------------------------------------------------------------------------

(condition-case err
    (let* ((file (getenv "ARTICLE_E2E_FILE"))
           (want (string-to-number (getenv "ARTICLE_E2E_COUNT"))))
      (find-file file)
      (message "Emacs %s, eglot %s, buffer in %s" emacs-version
               (or (ignore-errors (package-desc-version (cadr (assq 'eglot package-alist)))) "?")
               major-mode)
      (apply #'eglot (eglot--guess-contact))
      (e2e-check "eglot connects to article-lsp" (e2e-wait (lambda () (eglot-current-server)) 20))
      (flymake-start)
      (let ((n (e2e-wait (lambda ()
                           (let ((d (flymake-diagnostics)))
                             (and (>= (length d) want) (length d))))
                         30)))
        (e2e-check (format "Flymake shows the engine's %d entities" want)
                   (eql n want) (format "got %s" (length (flymake-diagnostics)))))
      (let* ((amount (getenv "ARTICLE_E2E_AMOUNT"))
             (currency (getenv "ARTICLE_E2E_CURRENCY"))
             (pos (1+ (string-to-number (getenv "ARTICLE_E2E_OFFSET")))))
        (goto-char pos)
        (let* ((server (eglot-current-server))
               (res (jsonrpc-request server :textDocument/hover
                                     (eglot--TextDocumentPositionParams)))
               (contents (plist-get res :contents))
               (text (cond ((stringp contents) contents)
                           ((plist-get contents :value))
                           (t (format "%S" contents)))))
          (message "  hover: %s" (replace-regexp-in-string "\n" " / " text))
          (e2e-check (format "hover shows the amount %s" amount)
                     (string-match-p (regexp-quote amount) (replace-regexp-in-string "," "" text)) text)
          (when (and currency (> (length currency) 0))
            (e2e-check (format "hover shows the currency %s" currency)
                       (string-match-p (regexp-quote currency) text) text))))
      (ignore-errors (eglot-shutdown (eglot-current-server))))
  (error (e2e-check "no Lisp error" nil (error-message-string err))))
(message "emacs e2e: %d passed, %d failed" e2e-passed e2e-failed)
(kill-emacs (if (> e2e-failed 0) 1 0))
