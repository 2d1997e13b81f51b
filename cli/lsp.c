/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* lsp.c — `impact lsp`: the Language Server Protocol on standard input and
 * output (see lsp.h).  Messages are framed by a `Content-Length: N` header
 * and a blank line; their body is JSON-RPC 2.0.  Every request gets an
 * answer: a result, or an error with the code of the JSON-RPC and LSP
 * specifications (parse error, invalid request, unknown method, invalid
 * parameters, server not initialized).  Notifications nobody handles are
 * ignored, as the protocol asks. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/lsp.h"
#include "cli/repl.h"
#include "stdlib/stdlib.h"

/* The largest message read: a document as large as the largest source file,
 * and its JSON escapes. */
#define LSP_MAX_MESSAGE ((size_t)128 * 1024 * 1024)

enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_SERVER_NOT_INITIALIZED = -32002
};

void *lsp_alloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (!p) rt_out_of_memory();
    return p;
}

char *lsp_strdup(const char *s)
{
    char *c = strdup(s ? s : "");
    if (!c) rt_out_of_memory();
    return c;
}

/* ---- framing ------------------------------------------------------------------------ */

static void send_json(LspServer *S, json_object *msg)
{
    json_object_object_add(msg, "jsonrpc", json_object_new_string("2.0"));
    size_t len;
    const char *body = json_object_to_json_string_length(
        msg, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
    fprintf(S->out, "Content-Length: %zu\r\n\r\n", len);
    fwrite(body, 1, len, S->out);
    fflush(S->out);
    json_object_put(msg);
}

static void send_result(LspServer *S, json_object *id, json_object *result)
{
    json_object *msg = json_object_new_object();
    json_object_object_add(msg, "id", json_object_get(id));
    json_object_object_add(msg, "result", result);
    send_json(S, msg);
}

static void send_error(LspServer *S, json_object *id, int code, const char *message)
{
    json_object *msg = json_object_new_object();
    json_object_object_add(msg, "id", id ? json_object_get(id) : NULL);
    json_object *err = json_object_new_object();
    json_object_object_add(err, "code", json_object_new_int(code));
    json_object_object_add(err, "message", json_object_new_string(message));
    json_object_object_add(msg, "error", err);
    send_json(S, msg);
}

void lsp_notify(LspServer *S, const char *method, json_object *params)
{
    json_object *msg = json_object_new_object();
    json_object_object_add(msg, "method", json_object_new_string(method));
    json_object_object_add(msg, "params", params);
    send_json(S, msg);
}

/* Reads one header block; *length receives Content-Length (or stays
 * SIZE_MAX when the block has none).  False at the end of the input. */
static bool read_headers(FILE *in, size_t *length)
{
    char line[1024];
    bool any = false;
    *length = SIZE_MAX;
    while (fgets(line, sizeof line, in)) {
        size_t n = strlen(line);
        bool whole = n > 0 && line[n - 1] == '\n';
        while (!whole && fgets(line + 512, sizeof line - 512, in)) /* skip an overlong header */
            whole = strchr(line + 512, '\n') != NULL;
        if (strcmp(line, "\r\n") == 0 || strcmp(line, "\n") == 0) {
            if (any) return true;
            continue; /* blank lines between messages */
        }
        any = true;
        if (strncasecmp(line, "Content-Length:", 15) == 0) {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(line + 15, &end, 10);
            if (errno == 0 && end != line + 15 && v <= SIZE_MAX / 2) *length = (size_t)v;
        }
    }
    return false;
}

/* The body of the next message (malloc'ed), or NULL at the end of the input;
 * *skipped is set when a message was dropped (no length, too large). */
static char *read_message(FILE *in, size_t *len, bool *skipped)
{
    size_t length;
    *skipped = false;
    if (!read_headers(in, &length)) return NULL;
    if (length == SIZE_MAX || length > LSP_MAX_MESSAGE) {
        *skipped = true;
        if (length != SIZE_MAX)
            for (size_t i = 0; i < length && getc(in) != EOF; i++) {}
        *len = 0;
        return lsp_strdup("");
    }
    char *body = malloc(length + 1);
    if (!body) rt_out_of_memory();
    *len = fread(body, 1, length, in);
    body[*len] = '\0';
    if (*len < length) {
        free(body);
        return NULL;
    }
    return body;
}

/* ---- requests ----------------------------------------------------------------------- */

static json_object *initialize_result(void)
{
    json_object *caps = json_object_new_object();
    json_object_object_add(caps, "textDocumentSync", json_object_new_int(1)); /* full text */
    json_object_object_add(caps, "hoverProvider", json_object_new_boolean(1));
    json_object_object_add(caps, "definitionProvider", json_object_new_boolean(1));
    json_object *completion = json_object_new_object();
    json_object *triggers = json_object_new_array();
    json_object_array_add(triggers, json_object_new_string("."));
    json_object_array_add(triggers, json_object_new_string("\""));
    json_object_array_add(triggers, json_object_new_string("/"));
    json_object_object_add(completion, "triggerCharacters", triggers);
    json_object_object_add(caps, "completionProvider", completion);
    json_object *info = json_object_new_object();
    json_object_object_add(info, "name", json_object_new_string("impact"));
    json_object_object_add(info, "version", json_object_new_string(IMPACT_VERSION));
    json_object *result = json_object_new_object();
    json_object_object_add(result, "capabilities", caps);
    json_object_object_add(result, "serverInfo", info);
    return result;
}

/* params.textDocument.uri's document and params.position, or false. */
static bool document_position(LspServer *S, json_object *params, LspDoc **d, int *line,
                              int *character)
{
    json_object *doc, *uri, *pos, *l, *c;
    if (!json_object_object_get_ex(params, "textDocument", &doc) ||
        !json_object_object_get_ex(doc, "uri", &uri) ||
        !json_object_object_get_ex(params, "position", &pos) ||
        !json_object_object_get_ex(pos, "line", &l) ||
        !json_object_object_get_ex(pos, "character", &c) ||
        !json_object_is_type(l, json_type_int) || !json_object_is_type(c, json_type_int))
        return false;
    *d = lsp_doc_find(S, json_object_get_string(uri));
    *line = json_object_get_int(l);
    *character = json_object_get_int(c);
    return *line >= 0 && *character >= 0;
}

/* hover, completion, definition: the answer, or NULL for invalid parameters. */
static bool answer_at_position(LspServer *S, const char *method, json_object *params,
                               json_object **result)
{
    LspDoc *d;
    int line, character;
    if (!document_position(S, params, &d, &line, &character)) return false;
    *result = NULL; /* a document the client did not open: nothing to say */
    if (!d) return true;
    if (strcmp(method, "textDocument/hover") == 0)
        *result = lsp_hover(S, d, line, character);
    else if (strcmp(method, "textDocument/completion") == 0)
        *result = lsp_completion(S, d, line, character);
    else
        *result = lsp_definition(S, d, line, character);
    return true;
}

static void handle_request(LspServer *S, const char *method, json_object *id, json_object *params)
{
    if (strcmp(method, "initialize") == 0) {
        S->initialized = true;
        send_result(S, id, initialize_result());
        return;
    }
    if (!S->initialized) {
        send_error(S, id, RPC_SERVER_NOT_INITIALIZED,
                   _("the server is not initialized: send initialize first"));
        return;
    }
    if (S->shut_down) {
        send_error(S, id, RPC_INVALID_REQUEST,
                   _("the server was shut down: only exit is accepted"));
        return;
    }
    if (strcmp(method, "shutdown") == 0) {
        S->shut_down = true;
        send_result(S, id, NULL);
        return;
    }
    if (strcmp(method, "textDocument/hover") == 0 ||
        strcmp(method, "textDocument/completion") == 0 ||
        strcmp(method, "textDocument/definition") == 0) {
        json_object *result;
        if (!answer_at_position(S, method, params, &result))
            send_error(S, id, RPC_INVALID_PARAMS,
                       _("the request needs textDocument.uri and a position {line, character}"));
        else
            send_result(S, id, result);
        return;
    }
    char message[256];
    snprintf(message, sizeof message, _("unknown method '%s'"), method);
    send_error(S, id, RPC_METHOD_NOT_FOUND, message);
}

/* didOpen, didChange (the whole text: textDocumentSync 1), didClose. */
static void handle_notification(LspServer *S, const char *method, json_object *params)
{
    json_object *doc, *uri, *text, *changes;
    if (!S->initialized || S->shut_down) return;
    if (!json_object_object_get_ex(params, "textDocument", &doc) ||
        !json_object_object_get_ex(doc, "uri", &uri) || !json_object_is_type(uri, json_type_string))
        return;
    const char *u = json_object_get_string(uri);
    if (strcmp(method, "textDocument/didOpen") == 0) {
        if (!json_object_object_get_ex(doc, "text", &text) ||
            !json_object_is_type(text, json_type_string))
            return;
        LspDoc *d = lsp_doc_open(S, u, json_object_get_string(text),
                                 (size_t)json_object_get_string_len(text));
        d->stale = true;
    } else if (strcmp(method, "textDocument/didChange") == 0) {
        LspDoc *d = lsp_doc_find(S, u);
        if (!d || !json_object_object_get_ex(params, "contentChanges", &changes) ||
            !json_object_is_type(changes, json_type_array))
            return;
        size_t n = json_object_array_length(changes);
        if (n == 0) return;
        json_object *last = json_object_array_get_idx(changes, n - 1);
        if (!json_object_object_get_ex(last, "text", &text) ||
            !json_object_is_type(text, json_type_string))
            return;
        lsp_doc_set_text(S, d, json_object_get_string(text),
                         (size_t)json_object_get_string_len(text));
        d->stale = true;
    } else if (strcmp(method, "textDocument/didClose") == 0) {
        lsp_doc_close(S, u);
        json_object *p = json_object_new_object();
        json_object_object_add(p, "uri", json_object_new_string(u));
        json_object_object_add(p, "diagnostics", json_object_new_array());
        lsp_notify(S, "textDocument/publishDiagnostics", p);
    }
}

/* One message; false after `exit`. */
static bool handle_message(LspServer *S, const char *body, size_t len)
{
    json_tokener *tok = json_tokener_new();
    if (!tok) rt_out_of_memory();
    json_object *msg = json_tokener_parse_ex(tok, body, (int)len);
    bool parsed = json_tokener_get_error(tok) == json_tokener_success &&
        json_tokener_get_parse_end(tok) == len;
    json_tokener_free(tok);
    if (!parsed) {
        json_object_put(msg);
        send_error(S, NULL, RPC_PARSE_ERROR, _("the message is not valid JSON"));
        return true;
    }
    json_object *method = NULL, *id = NULL, *params = NULL;
    bool is_object = json_object_is_type(msg, json_type_object);
    if (is_object) {
        json_object_object_get_ex(msg, "method", &method);
        json_object_object_get_ex(msg, "id", &id);
        json_object_object_get_ex(msg, "params", &params);
    }
    bool keep_going = true;
    bool id_ok =
        !id || json_object_is_type(id, json_type_int) || json_object_is_type(id, json_type_string);
    if (!is_object || !method || !json_object_is_type(method, json_type_string) || !id_ok) {
        /* a response to a request we never make is ignored too */
        if (!(is_object && !method && id))
            send_error(S, id_ok ? id : NULL, RPC_INVALID_REQUEST,
                       _("the message is not a JSON-RPC request: it needs a method name"));
    } else if (strcmp(json_object_get_string(method), "exit") == 0) {
        keep_going = false;
    } else if (id) {
        handle_request(S, json_object_get_string(method), id, params);
    } else {
        handle_notification(S, json_object_get_string(method), params);
    }
    json_object_put(msg);
    return keep_going;
}

/* ---- the command -------------------------------------------------------------------- */

static int lsp_usage(const char *arg)
{
    fprintf(stderr, _("impact lsp: unknown option '%s'\n"), arg);
    fprintf(stderr,
            _("hint: impact lsp [--max-time SECONDS] speaks the Language Server Protocol "
              "on standard input and output; your editor starts it\n"));
    return 2;
}

static bool parse_options(LspServer *S, int argc, char **argv, int *status)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--stdio") == 0) continue; /* what editors pass */
        if (strcmp(argv[i], "--max-time") == 0 && i + 1 < argc) {
            char *end;
            double t = strtod(argv[++i], &end);
            if (*end || !(t > 0)) {
                fprintf(stderr,
                        _("impact lsp: --max-time needs a number of seconds greater than 0, "
                          "not '%s'\n"),
                        argv[i]);
                *status = 2;
                return false;
            }
            S->max_time = t;
            continue;
        }
        *status = lsp_usage(argv[i]);
        return false;
    }
    return true;
}

/* The protocol owns standard output: what a model prints (print, report())
 * goes to standard error, the server's log, instead. */
static FILE *take_stdout(void)
{
    fflush(stdout);
    int fd = dup(STDOUT_FILENO);
    if (fd < 0) return NULL;
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    dup2(STDERR_FILENO, STDOUT_FILENO);
    return fdopen(fd, "w");
}

/* Diagnostics are owed for the documents changed since they were last
 * published; they are published when no message waits, so that a burst of
 * key strokes runs the model once, not once per key. */
static void publish_when_idle(LspServer *S)
{
    struct pollfd in = { .fd = STDIN_FILENO, .events = POLLIN };
    if (poll(&in, 1, 0) > 0) return; /* more is coming (or the end: read it first) */
    for (size_t i = 0; i < S->n_docs; i++) {
        if (!S->docs[i]->stale) continue;
        S->docs[i]->stale = false;
        lsp_publish_diagnostics(S, S->docs[i]);
    }
}

int lsp_main(int argc, char **argv)
{
    i18n_use(i18n_environment_language());
    LspServer S = { .max_time = interp_tool_max_time(), .steps = 50000000ul };
    int status = 0;
    if (!parse_options(&S, argc, argv, &status)) return status;
    S.out = take_stdout();
    if (!S.out) {
        fprintf(stderr, _("impact lsp: cannot use standard output: %s\n"), strerror(errno));
        return 1;
    }
    /* unbuffered: whether a message waits is then poll()'s answer alone */
    setvbuf(stdin, NULL, _IONBF, 0);
    for (;;) {
        size_t len;
        bool skipped;
        publish_when_idle(&S);
        char *body = read_message(stdin, &len, &skipped);
        if (!body) break;
        bool more = true;
        if (skipped)
            send_error(&S, NULL, RPC_INVALID_REQUEST,
                       _("the message has no valid Content-Length header, or is too large"));
        else
            more = handle_message(&S, body, len);
        free(body);
        if (!more) break;
    }
    /* `exit` after `shutdown` is success; the end of the input or an early
     * exit is not (the protocol's rule). */
    status = S.shut_down ? 0 : 1;
    lsp_docs_free(&S);
    if (S.names) interp_free(S.names);
    fclose(S.out);
    return status;
}
