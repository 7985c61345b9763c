package scopecheck

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"sort"
	"strings"
)

// The kinds of body an answer can have, as Shape.Kind names them.
const (
	KindEmpty   = "empty"
	KindHTML    = "html"
	KindV3Error = "v3-error"
	KindV2Error = "v2-error"
	KindObject  = "object"
	KindArray   = "array"
	KindOther   = "other"
)

// Shape is what an answer's body looks like, without its values: the kind of
// body, the status, title and message of an error body, and the JSON type of
// each top-level field (of an array, of its first element). It is all the
// prober reads of a body, and all an evidence file records.
type Shape struct {
	Kind    string            `json:"kind"`
	Status  int               `json:"status,omitempty"`
	Title   string            `json:"title,omitempty"`
	Message string            `json:"message,omitempty"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// ShapeOf reads the shape of a body. HTML, whatever its content type claims,
// is KindHTML; a v3 error is an object with a numeric status and a string
// title; a v2 error is an array whose first element has a numeric status and
// a string message (reference §11).
func ShapeOf(contentType string, body []byte) Shape {
	trimmed := bytes.TrimSpace(body)
	if mt, _, err := mime.ParseMediaType(contentType); err == nil && (mt == "text/html" || mt == "application/xhtml+xml") || bytes.HasPrefix(trimmed, []byte("<")) {
		return Shape{Kind: KindHTML}
	}
	if len(trimmed) == 0 {
		return Shape{Kind: KindEmpty}
	}
	var value any
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber()
	if err := dec.Decode(&value); err != nil || dec.More() {
		return Shape{Kind: KindOther}
	}
	switch v := value.(type) {
	case map[string]any:
		s := Shape{Kind: KindObject, Fields: fieldTypes(v)}
		if status, ok := intField(v, "status"); ok {
			if title, ok := v["title"].(string); ok {
				s.Kind, s.Status, s.Title = KindV3Error, status, title
			}
		}
		return s
	case []any:
		s := Shape{Kind: KindArray}
		if len(v) == 0 {
			return s
		}
		first, ok := v[0].(map[string]any)
		if !ok {
			return s
		}
		s.Fields = fieldTypes(first)
		if status, ok := intField(first, "status"); ok {
			if message, ok := first["message"].(string); ok {
				s.Kind, s.Status, s.Message = KindV2Error, status, message
			}
		}
		return s
	}
	return Shape{Kind: KindOther}
}

func intField(m map[string]any, name string) (int, bool) {
	n, ok := m[name].(json.Number)
	if !ok {
		return 0, false
	}
	i, err := n.Int64()
	return int(i), err == nil
}

func fieldTypes(m map[string]any) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		switch v.(type) {
		case json.Number:
			out[k] = "number"
		case string:
			out[k] = "string"
		case bool:
			out[k] = "boolean"
		case []any:
			out[k] = "array"
		case map[string]any:
			out[k] = "object"
		default:
			out[k] = "null"
		}
	}
	return out
}

// FieldNames lists the shape's field names, sorted.
func (s Shape) FieldNames() []string {
	out := make([]string, 0, len(s.Fields))
	for k := range s.Fields {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// fromBigCommerce reports whether a body could be one of BigCommerce's: no
// body, or one of its error shapes. Success bodies are checked per answer.
func (s Shape) fromBigCommerce() bool {
	return s.Kind == KindEmpty || s.Kind == KindV3Error || s.Kind == KindV2Error
}

// Body is the body an answer must have to count.
type Body int

// The bodies of BigCommerce's answers that probes count.
const (
	// BodyV3Error is a v3 error object, {"status", "title", ...}, whose status is the answer's.
	BodyV3Error Body = iota + 1
	// BodyV2Error is a v2 error array, [{"status", "message"}], whose status is the answer's.
	BodyV2Error
	// BodyNone is no body; a v3 error object is accepted too, since 204's is documented as one.
	BodyNone
	// BodyCollection is a v3 collection: an object whose data is an array.
	BodyCollection
	// BodyTime is GET /v2/time's {"time": <unix seconds>}.
	BodyTime
	// BodyStore is GET /v2/store's object, whose id is a string.
	BodyStore
	// BodyBanner is a v2 banner object, with a numeric id and a string name.
	BodyBanner
	// BodyScopeMissing is the body BigCommerce sends for a missing scope, on v2 and v3 routes alike.
	BodyScopeMissing
)

// ScopeMissingTitle is the title of BigCommerce's missing-scope answer, as recorded (reference §11).
const ScopeMissingTitle = "You don't have a required scope to access the endpoint"

// Matches reports whether a body of the given shape, sent with status, is this body.
func (b Body) Matches(status int, s Shape) bool {
	switch b {
	case BodyV3Error:
		return s.Kind == KindV3Error && s.Status == status
	case BodyV2Error:
		return s.Kind == KindV2Error && s.Status == status
	case BodyNone:
		return s.Kind == KindEmpty || s.Kind == KindV3Error && s.Status == status
	case BodyCollection:
		return s.Kind == KindObject && s.Fields["data"] == "array"
	case BodyTime:
		return s.Kind == KindObject && s.Fields["time"] == "number"
	case BodyStore:
		return s.Kind == KindObject && s.Fields["id"] == "string"
	case BodyBanner:
		return s.Kind == KindObject && s.Fields["id"] == "number" && s.Fields["name"] == "string"
	case BodyScopeMissing:
		return status == http.StatusForbidden && s.Kind == KindV3Error && s.Status == http.StatusForbidden && s.Title == ScopeMissingTitle
	}
	return false
}

// String describes the body for the docs.
func (b Body) String() string {
	switch b {
	case BodyV3Error:
		return `v3 error {"status", "title", …}`
	case BodyV2Error:
		return `v2 error [{"status", "message"}]`
	case BodyNone:
		return "no body"
	case BodyCollection:
		return `{"data": [...]}`
	case BodyTime:
		return `{"time": <unix seconds>}`
	case BodyStore:
		return `the store's information, {"id": <store hash>, …}`
	case BodyBanner:
		return `a banner, {"id", "name", …}`
	case BodyScopeMissing:
		return `{"status":403,"title":"` + ScopeMissingTitle + `",…}`
	}
	return "unknown"
}

// Verdict is what the answers say of a scope, from one probe's answer up to
// a required scope's result. The same four words are used everywhere: in
// diagnostics, in the data source's attributes and in the docs.
type Verdict int

// The verdicts.
const (
	// Inconclusive: no answer proves the scope granted or missing.
	Inconclusive Verdict = iota
	// Granted: an answer that BigCommerce documents or was observed to send a granted token proves it.
	Granted
	// Missing: BigCommerce answered 403 with its missing-scope body, after a good baseline.
	Missing
	// Unverified: the level below the required one is granted; the required level cannot be proven without changing data.
	Unverified
)

// String returns the verdict's word.
func (v Verdict) String() string {
	switch v {
	case Granted:
		return "granted"
	case Missing:
		return "missing"
	case Unverified:
		return "unverified"
	}
	return "inconclusive"
}

// Cause says why an answer is inconclusive.
type Cause int

// The causes of an inconclusive answer.
const (
	// CauseNone: the answer is conclusive.
	CauseNone Cause = iota
	// CauseNoAnswer: no answer came, after retries.
	CauseNoAnswer
	// CauseServerError: a server error or rate limit survived the retries.
	CauseServerError
	// CauseRedirect: a redirect, which is never followed.
	CauseRedirect
	// CauseNotBigCommerce: HTML, or a body of a shape BigCommerce never sends, so the answer did not come from BigCommerce.
	CauseNotBigCommerce
	// CauseForbidden: 403 without the missing-scope body, which BigCommerce sends for other reasons too.
	CauseForbidden
	// CauseUndocumented: a BigCommerce-shaped answer that the probe's operation does not document.
	CauseUndocumented
)

// Received is an answer as it arrived.
type Received struct {
	Status int
	Shape  Shape
}

// Reading is what one answer says of the probe's scope.
type Reading struct {
	Verdict Verdict
	Cause   Cause
	// InvalidToken is a 401; WriteSucceeded a write answered with success.
	InvalidToken, WriteSucceeded bool
}

// Read reads an answer to a probe. Only an answer whose status and body both
// match one of the probe's granted answers proves the scope; only 403 with
// BigCommerce's missing-scope body proves it missing.
func Read(p Probe, a Received) Reading {
	switch {
	case a.Status == http.StatusUnauthorized && a.Shape.Kind != KindHTML && a.Shape.Kind != KindOther:
		return Reading{InvalidToken: true}
	case a.Status >= 200 && a.Status < 300 && p.Method != http.MethodGet:
		return Reading{WriteSucceeded: true}
	}
	for _, g := range p.Granted {
		if g.Status == a.Status && g.Body.Matches(a.Status, a.Shape) {
			return Reading{Verdict: Granted}
		}
	}
	switch {
	case BodyScopeMissing.Matches(a.Status, a.Shape):
		return Reading{Verdict: Missing}
	case a.Status >= 300 && a.Status < 400:
		return Reading{Cause: CauseRedirect}
	case a.Status >= 500 || a.Status == http.StatusTooManyRequests:
		return Reading{Cause: CauseServerError}
	case !a.Shape.fromBigCommerce():
		return Reading{Cause: CauseNotBigCommerce}
	case a.Status == http.StatusForbidden:
		return Reading{Cause: CauseForbidden}
	}
	return Reading{Cause: CauseUndocumented}
}

// quoteOf is the text an error body gives: its v3 title or v2 message.
func quoteOf(s Shape) string {
	text := s.Title
	if text == "" {
		text = s.Message
	}
	return strings.TrimSpace(text)
}
