/* expr.c: the expression parser. Recursive descent over a one-token
 * lookahead lexer, building the graph through the public bp_graph_input and
 * bp_graph_add as it goes, so an expression makes exactly the nodes a caller
 * could have made by hand (nothing is folded: the reader sees what they typed).
 *
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary ('^' unary)?         right-associative, and the
 *                                            exponent may carry a sign: 2^-1
 *   primary := number | name | name '(' sum ')' | '(' sum ')'
 *
 * so '^' binds tighter than unary minus (-x^2 is -(x^2)), and unary minus
 * tighter than '*'.
 *
 * Stack safety: every recursion goes through a '(' , a function call, a
 * unary sign or the exponent of '^', and each of those counts one level
 * against BP_MAX_DEPTH; '+' '-' '*' '/' chains are loops. The recursive
 * functions keep only scalars in their frames (the out-parameter of
 * bp_graph_add lives in the parser), so under Emscripten they need no
 * shadow-stack space and 256 levels fit easily in its 64 KB stack. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"

/* Cold paths stay out of the recursive functions' frames: inlined, their
 * locals would be paid for at every level of nesting. */
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* bp_parse_number refuses longer text. */
#define MAX_NUMBER_CHARS 400

typedef enum {
    T_END, T_NUMBER, T_NAME, T_PLUS, T_MINUS, T_STAR, T_SLASH, T_CARET,
    T_LPAREN, T_RPAREN, T_COMMA
} token;

typedef struct {
    bp_graph *g;
    const char *src;
    size_t len;
    unsigned flags;
    int depth;

    /* The current token: kind, byte offset, length, and a number's value. */
    token tok;
    size_t pos, tok_len;
    double number;

    int id;  /* bp_graph_add's out-parameter, kept off the recursive frames */
    char scratch[MAX_NUMBER_CHARS + 1];  /* a NUL-terminated copy of a token */
    char quoted[32];                     /* a token quoted for a message */

    /* The first failure: its status, 0-based offset and message. */
    bp_status status;
    size_t fail_pos;
    char message[160];
} parser;

static const struct {
    const char *name;
    bp_op op;
} functions[] = {
    {"exp", BP_OP_EXP},   {"log", BP_OP_LOG}, {"sqrt", BP_OP_SQRT},
    {"tanh", BP_OP_TANH}, {"sin", BP_OP_SIN}, {"cos", BP_OP_COS},
    {"abs", BP_OP_ABS},   {"relu", BP_OP_RELU}, {"sigmoid", BP_OP_SIGMOID},
};
#define N_FUNCTIONS (int)(sizeof functions / sizeof functions[0])

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_name_start(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_name_char(char c) { return is_name_start(c) || is_digit(c); }

/* ------------------------------------------------------------- failures */

/* Record the first failure at byte offset `pos`; always returns -1, which is
 * how every function below says "failed". */
static int fail(parser *p, bp_status status, size_t pos, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static NOINLINE int fail(parser *p, bp_status status, size_t pos, const char *fmt, ...) {
    if (p->status != BP_OK) return -1;
    p->status = status;
    p->fail_pos = pos;
    va_list ap;
    va_start(ap, fmt);
    bp__vformat(p->message, sizeof p->message, fmt, ap);
    va_end(ap);
    return -1;
}

/* The text at src[pos..pos+n) quoted for a message, cut short if long so that
 * the message keeps its point within the graph's 160-byte error. */
static const char *quote(parser *p, size_t pos, size_t n) {
    enum { SHOWN = 24 };
    if (n == 1 && p->src[pos] == '\'') return "\"'\"";
    int shown = (int)(n > SHOWN ? SHOWN : n);
    bp__format(p->quoted, sizeof p->quoted, "'%.*s%s'", shown, p->src + pos, n > SHOWN ? "..." : "");
    return p->quoted;
}

/* Decode the UTF-8 sequence at s; returns the code point and its length in
 * *n, or -1 if it is not well-formed (overlong, surrogate, cut short). s is
 * NUL-terminated and NUL is never a continuation byte, so reading stops in time. */
static long utf8_decode(const unsigned char *s, int *n) {
    unsigned char c = s[0];
    int len;
    long cp;
    unsigned char lo = 0x80, hi = 0xBF;  /* range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; cp = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; cp = c & 0x07;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else return -1;
    for (int i = 1; i < len; i++) {
        unsigned char d = s[i];
        if (d < (i == 1 ? lo : 0x80) || d > (i == 1 ? hi : 0xBF)) return -1;
        cp = (cp << 6) | (d & 0x3F);
    }
    *n = len;
    return cp;
}

/* Characters that people paste from typeset formulas, and what to type instead. */
static const struct {
    long cp;
    const char *utf8, *instead;
} lookalikes[] = {
    {0x2212, "\xE2\x88\x92", "'-'"},   /* MINUS SIGN */
    {0x2013, "\xE2\x80\x93", "'-'"},   /* EN DASH */
    {0x00D7, "\xC3\x97", "'*'"},       /* MULTIPLICATION SIGN */
    {0x22C5, "\xE2\x8B\x85", "'*'"},   /* DOT OPERATOR */
    {0x00B7, "\xC2\xB7", "'*'"},       /* MIDDLE DOT */
    {0x00F7, "\xC3\xB7", "'/'"},       /* DIVISION SIGN */
    {0x00B2, "\xC2\xB2", "'^2'"},      /* SUPERSCRIPT TWO */
    {0x00B3, "\xC2\xB3", "'^3'"},      /* SUPERSCRIPT THREE */
    {0x00A0, "\xC2\xA0", "a space"},   /* NO-BREAK SPACE */
};

static NOINLINE int bad_character(parser *p, size_t pos) {
    const unsigned char *s = (const unsigned char *)p->src + pos;
    if (*s < 0x80) {
        if (*s > 0x20 && *s < 0x7F)
            return fail(p, BP_ERR_SYNTAX, pos, "unexpected character %s", quote(p, pos, 1));
        return fail(p, BP_ERR_SYNTAX, pos, "unexpected control character 0x%02X", *s);
    }
    int n;
    long cp = utf8_decode(s, &n);
    if (cp < 0)
        return fail(p, BP_ERR_SYNTAX, pos, "unexpected byte 0x%02X (not UTF-8 text)", *s);
    for (size_t i = 0; i < sizeof lookalikes / sizeof lookalikes[0]; i++)
        if (lookalikes[i].cp == cp)
            return fail(p, BP_ERR_SYNTAX, pos, "unexpected character '%s' (U+%04lX): write %s instead",
                        lookalikes[i].utf8, cp, lookalikes[i].instead);
    return fail(p, BP_ERR_SYNTAX, pos, "unexpected character U+%04lX (only ASCII is allowed)", cp);
}

/* The failures of the recursive functions below. They go through this one
 * non-variadic function because under WebAssembly a call to a variadic
 * function reserves its argument buffer in the caller's stack frame: calling
 * fail() directly would cost that space at every level of nesting. */
typedef enum {
    E_NODES, E_NOMEM, E_GRAPH, E_DEPTH, E_ONE_ARGUMENT, E_CLOSE, E_NEED_OPEN,
    E_LONG_NAME, E_OPERAND, E_OPERAND_AT_END
} parse_error;

static NOINLINE int error_at(parser *p, parse_error e, size_t pos, size_t arg) {
    switch (e) {
    case E_NODES:
        return fail(p, BP_ERR_LIMIT, pos, "the expression needs more than %d nodes", BP_MAX_NODES);
    case E_NOMEM:
        return fail(p, BP_ERR_NOMEM, pos, "out of memory");
    case E_GRAPH: /* not expected: the parser only passes valid operands */
        return fail(p, (bp_status)arg, pos, "%s", bp_graph_error(p->g));
    case E_DEPTH:
        return fail(p, BP_ERR_LIMIT, pos, "the expression is nested more than %d levels deep", BP_MAX_DEPTH);
    case E_ONE_ARGUMENT:
        return fail(p, BP_ERR_SYNTAX, pos, "'%s' takes one argument", functions[arg].name);
    case E_CLOSE:
        return fail(p, BP_ERR_SYNTAX, pos, "expected ')' to close '(' at column %d", (int)arg + 1);
    case E_NEED_OPEN:
        return fail(p, BP_ERR_SYNTAX, pos, "expected '(' after '%s'", functions[arg].name);
    case E_LONG_NAME:
        return fail(p, BP_ERR_LIMIT, pos, "the variable name %s is longer than %d characters",
                    quote(p, pos, arg), BP_MAX_NAME_CHARS);
    case E_OPERAND_AT_END:
        return fail(p, BP_ERR_SYNTAX, pos, "expected a number, a variable or '(' but the expression ended");
    case E_OPERAND:
        if (p->tok == T_STAR && pos > 0 && p->src[pos - 1] == '*')
            return fail(p, BP_ERR_SYNTAX, pos, "expected a number, a variable or '(' (write powers with '^')");
        return fail(p, BP_ERR_SYNTAX, pos, "expected a number, a variable or '('");
    }
    return -1;
}

/* -------------------------------------------------------------- lexing */

/* A number at src[pos]: digits [ '.' digits ] [ ('e'|'E') [sign] digits ],
 * with at least one digit before the exponent. */
static NOINLINE int lex_number(parser *p, size_t pos) {
    const char *s = p->src;
    size_t i = pos;
    while (is_digit(s[i])) i++;
    if (s[i] == '.') {
        i++;
        while (is_digit(s[i])) i++;
    }
    if (s[i] == 'e' || s[i] == 'E') {
        size_t e = i++;
        if (s[i] == '+' || s[i] == '-') i++;
        if (!is_digit(s[i]))
            return fail(p, BP_ERR_SYNTAX, i, "expected a digit in the exponent of %s",
                        quote(p, pos, e + 1 - pos));
        while (is_digit(s[i])) i++;
    }
    size_t n = i - pos;
    if (n > MAX_NUMBER_CHARS)
        return fail(p, BP_ERR_LIMIT, pos, "the number is longer than %d characters", MAX_NUMBER_CHARS);
    memcpy(p->scratch, s + pos, n);
    p->scratch[n] = '\0';
    const char *why = "not a number";
    bp_status st = bp_parse_number(p->scratch, &p->number, &why);
    if (st == BP_ERR_RANGE) return fail(p, BP_ERR_SYNTAX, pos, "number too large");
    if (st != BP_OK) return fail(p, BP_ERR_SYNTAX, pos, "%s: %s", quote(p, pos, n), why);
    p->tok = T_NUMBER;
    p->tok_len = n;
    return 0;
}

/* Read the token after the current one into p->tok; -1 on a lexical error. */
static NOINLINE int lex(parser *p) {
    const char *s = p->src;
    size_t i = p->pos + p->tok_len;
    while (is_space(s[i])) i++;
    p->pos = i;
    p->tok_len = 1;
    char c = s[i];
    if (i == p->len) {
        p->tok = T_END;
        p->tok_len = 0;
        return 0;
    }
    if (is_digit(c) || (c == '.' && is_digit(s[i + 1]))) return lex_number(p, i);
    if (c == '.') return fail(p, BP_ERR_SYNTAX, i, "expected a digit after '.'");
    if (is_name_start(c)) {
        size_t j = i;
        while (is_name_char(s[j])) j++;
        p->tok = T_NAME;
        p->tok_len = j - i;
        return 0;
    }
    switch (c) {
    case '+': p->tok = T_PLUS; return 0;
    case '-': p->tok = T_MINUS; return 0;
    case '*': p->tok = T_STAR; return 0;
    case '/': p->tok = T_SLASH; return 0;
    case '^': p->tok = T_CARET; return 0;
    case '(': p->tok = T_LPAREN; return 0;
    case ')': p->tok = T_RPAREN; return 0;
    case ',': p->tok = T_COMMA; return 0;
    default: return bad_character(p, i);
    }
}

/* ------------------------------------------------------------- parsing */

/* Check a node just made (status s, id in p->id) against the node limit;
 * `pos` is the token it came from, the column reported if over. */
static NOINLINE int made(parser *p, bp_status s, size_t pos) {
    if (s == BP_OK && bp_graph_size(p->g) <= BP_MAX_NODES) return p->id;
    if (s == BP_OK || s == BP_ERR_LIMIT) return error_at(p, E_NODES, pos, 0);
    return error_at(p, s == BP_ERR_NOMEM ? E_NOMEM : E_GRAPH, pos, (size_t)s);
}

static int emit(parser *p, bp_op op, int a, int b, double k, size_t pos) {
    return made(p, bp_graph_add(p->g, op, a, b, k, &p->id), pos);
}

/* One more level of nesting, opened by the token at pos. */
static int enter(parser *p, size_t pos) {
    if (p->depth >= BP_MAX_DEPTH)
        return error_at(p, E_DEPTH, pos, 0);
    p->depth++;
    return 0;
}

static int parse_sum(parser *p);

/* name '(' sum ')', the current token being the '('. */
static int parse_call(parser *p, int fn, size_t name_pos) {
    size_t open = p->pos;
    if (enter(p, name_pos) < 0 || lex(p) < 0) return -1;
    int a = parse_sum(p);
    if (a < 0) return -1;
    if (p->tok == T_COMMA)
        return error_at(p, E_ONE_ARGUMENT, p->pos, (size_t)fn);
    if (p->tok != T_RPAREN)
        return error_at(p, E_CLOSE, p->pos, open);
    p->depth--;
    if (lex(p) < 0) return -1;
    bp_op op = functions[fn].op;
    if (op == BP_OP_SIGMOID && (p->flags & BP_EXPAND_SIGMOID)) {
        /* The built-in sigmoid-steps graph: x -> *(-1) -> exp -> +1 -> 1/x. */
        if ((a = emit(p, BP_OP_SCALE, a, -1, -1.0, name_pos)) < 0) return -1;
        if ((a = emit(p, BP_OP_EXP, a, -1, 0, name_pos)) < 0) return -1;
        if ((a = emit(p, BP_OP_ADD_CONST, a, -1, 1.0, name_pos)) < 0) return -1;
        return emit(p, BP_OP_RECIP, a, -1, 0, name_pos);
    }
    return emit(p, op, a, -1, 0, name_pos);
}

static int find_function(const char *name, size_t n) {
    for (int i = 0; i < N_FUNCTIONS; i++)
        if (strlen(functions[i].name) == n && memcmp(functions[i].name, name, n) == 0) return i;
    return -1;
}

static NOINLINE int unknown_function(parser *p, size_t pos, size_t n) {
    fail(p, BP_ERR_SYNTAX, pos, "unknown function %s (known: ", quote(p, pos, n));
    for (int i = 0; i < N_FUNCTIONS; i++) {
        size_t used = strlen(p->message);
        bp__format(p->message + used, sizeof p->message - used, "%s%s", functions[i].name,
                 i + 1 < N_FUNCTIONS ? ", " : ")");
    }
    return -1;
}

/* A name: a function call, or a variable (one input node however often used). */
static int parse_name(parser *p) {
    size_t pos = p->pos, n = p->tok_len;
    if (lex(p) < 0) return -1;
    int fn = find_function(p->src + pos, n);
    if (p->tok == T_LPAREN) return fn < 0 ? unknown_function(p, pos, n) : parse_call(p, fn, pos);
    if (fn >= 0)
        return error_at(p, E_NEED_OPEN, p->pos, (size_t)fn);
    if (n > BP_MAX_NAME_CHARS)
        return error_at(p, E_LONG_NAME, pos, n);
    memcpy(p->scratch, p->src + pos, n);
    p->scratch[n] = '\0';
    return made(p, bp_graph_input(p->g, p->scratch, &p->id), pos);
}

static int parse_primary(parser *p) {
    size_t pos = p->pos;
    switch (p->tok) {
    case T_NUMBER: {
        int id = emit(p, BP_OP_CONST, -1, -1, p->number, pos);
        return id < 0 || lex(p) < 0 ? -1 : id;
    }
    case T_NAME:
        return parse_name(p);
    case T_LPAREN: {
        if (enter(p, pos) < 0 || lex(p) < 0) return -1;
        int a = parse_sum(p);
        if (a < 0) return -1;
        if (p->tok != T_RPAREN)
            return error_at(p, E_CLOSE, p->pos, pos);
        p->depth--;
        return lex(p) < 0 ? -1 : a;
    }
    case T_END:
        return error_at(p, E_OPERAND_AT_END, pos, 0);
    default:
        return error_at(p, E_OPERAND, pos, 0);
    }
}

static int parse_unary(parser *p);

static int parse_power(parser *p) {
    int base = parse_primary(p);
    if (base < 0 || p->tok != T_CARET) return base;
    size_t pos = p->pos;
    if (enter(p, pos) < 0 || lex(p) < 0) return -1;
    /* The exponent is a unary: it may start with a sign (2^-1) and may itself
     * be a power, which makes '^' right-associative (2^3^2 = 2^9). */
    int exponent = parse_unary(p);
    if (exponent < 0) return -1;
    p->depth--;
    return emit(p, BP_OP_POW, base, exponent, 0, pos);
}

static int parse_unary(parser *p) {
    if (p->tok != T_MINUS && p->tok != T_PLUS) return parse_power(p);
    int negate = p->tok == T_MINUS;
    size_t pos = p->pos;
    if (enter(p, pos) < 0 || lex(p) < 0) return -1;
    int a = parse_unary(p);
    if (a < 0) return -1;
    p->depth--;
    /* Unary plus makes no node: there is no identity op to show. */
    return negate ? emit(p, BP_OP_NEG, a, -1, 0, pos) : a;
}

static int parse_product(parser *p) {
    int left = parse_unary(p);
    while (left >= 0 && (p->tok == T_STAR || p->tok == T_SLASH)) {
        bp_op op = p->tok == T_STAR ? BP_OP_MUL : BP_OP_DIV;
        size_t pos = p->pos;
        if (lex(p) < 0) return -1;
        int right = parse_unary(p);
        if (right < 0) return -1;
        left = emit(p, op, left, right, 0, pos);
    }
    return left;
}

static int parse_sum(parser *p) {
    int left = parse_product(p);
    while (left >= 0 && (p->tok == T_PLUS || p->tok == T_MINUS)) {
        bp_op op = p->tok == T_PLUS ? BP_OP_ADD : BP_OP_SUB;
        size_t pos = p->pos;
        if (lex(p) < 0) return -1;
        int right = parse_product(p);
        if (right < 0) return -1;
        left = emit(p, op, left, right, 0, pos);
    }
    return left;
}

/* The whole source: one sum and then nothing. */
static int parse_all(parser *p) {
    if (lex(p) < 0) return -1;
    if (p->tok == T_END) return fail(p, BP_ERR_SYNTAX, 0, "the expression is empty");
    int root = parse_sum(p);
    if (root < 0) return -1;
    switch (p->tok) {
    case T_END:
        return root;
    case T_RPAREN:
        return fail(p, BP_ERR_SYNTAX, p->pos, "')' without a matching '('");
    case T_NUMBER:
    case T_NAME:
    case T_LPAREN:
        /* "2x", "2 (x)": no implicit multiplication. */
        return fail(p, BP_ERR_SYNTAX, p->pos, "expected an operator before %s",
                    quote(p, p->pos, p->tok_len));
    default:
        return fail(p, BP_ERR_SYNTAX, p->pos, "unexpected %s after the end of the expression",
                    quote(p, p->pos, p->tok_len));
    }
}

bp_status bp_graph_parse(bp_graph *g, const char *src, unsigned flags) {
    if (!g) return BP_ERR_ARG;
    bp_status s;
    if (!src) {
        if ((s = bp__graph_reset(g, "expr", NULL)) != BP_OK) return s;
        return bp__graph_fail(g, BP_ERR_ARG, 0, "no expression (NULL)");
    }
    /* Measure without reading more than one byte past the limit. */
    size_t len = 0;
    while (len <= BP_MAX_EXPR_CHARS && src[len]) len++;
    if (len > BP_MAX_EXPR_CHARS) {
        if ((s = bp__graph_reset(g, "expr", NULL)) != BP_OK) return s;
        return bp__graph_fail(g, BP_ERR_LIMIT, BP_MAX_EXPR_CHARS + 1,
                              "column %d: the expression is longer than %d characters",
                              BP_MAX_EXPR_CHARS + 1, BP_MAX_EXPR_CHARS);
    }
    if ((s = bp__graph_reset(g, "expr", src)) != BP_OK) return s;

    /* The parser is ~600 bytes: fine once, here, outside the recursion. */
    parser p;
    memset(&p, 0, sizeof p);
    p.g = g;
    p.src = src;
    p.len = len;
    p.flags = flags;
    p.status = BP_OK;
    if (parse_all(&p) >= 0) return BP_OK;

    /* Leave g empty, then record the failure (reset clears the error). */
    int column = (int)p.fail_pos + 1;
    bp__graph_reset(g, "expr", NULL);
    if (p.status == BP_ERR_NOMEM) return bp__graph_fail(g, p.status, 0, "out of memory");
    return bp__graph_fail(g, p.status, column, "column %d: %s", column, p.message);
}
