package storeapi

import (
	"fmt"
	"math/rand"
	"net/http"
	"slices"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/standin"
)

// Answers chooses, for one store, which of a route's documented answers a
// granted token gets, and whether a gateway answers chosen routes in
// BigCommerce's place. BigCommerce documents more than one answer for several
// probes (../shared/reference/bigcommerce.md §11), and any of them may come.
type Answers struct {
	// Mode is "first" (the default), "each" (each route's answers in turn, one per request) or "random" (a pick seeded by Seed).
	Mode string `json:"mode,omitempty"`
	Seed int64  `json:"seed,omitempty"`
	// Gateway, when set, answers in BigCommerce's place.
	Gateway *Gateway `json:"gateway,omitempty"`
}

// The modes of Answers.
const (
	ModeFirst  = "first"
	ModeEach   = "each"
	ModeRandom = "random"
)

// Gateway is something between the client and BigCommerce that answers
// itself: a proxy's error page, another service's JSON, or a 403 of
// BigCommerce's for another reason than a missing scope (§4.1, §11).
type Gateway struct {
	// Answer is one of GatewayAnswers' keys.
	Answer string `json:"answer"`
	// Routes are route keys, such as "GET /v3/carts/{id}"; empty means every route but GET /v2/time.
	Routes []string `json:"routes,omitempty"`
}

// gatewayAnswer is one answer a gateway gives.
type gatewayAnswer struct {
	status      int
	contentType string
	body        string
}

// GatewayAnswers are the answers a gateway can give. None is one of
// BigCommerce's answers to a granted token, and only the missing-scope body
// means a missing scope (§11).
var GatewayAnswers = map[string]gatewayAnswer{
	"html-403": {http.StatusForbidden, "text/html", "<html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>\n"},
	"html-404": {http.StatusNotFound, "text/html", "<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>\n"},
	"json-403": {http.StatusForbidden, "application/json", `{"message":"Forbidden","request_id":"gw-1"}`},
	"json-404": {http.StatusNotFound, "application/json", `{"error":"not_found","message":"No route matches the request"}`},
	// §4.2: BigCommerce's 403 "Authentication Required" for a trailing slash (bigcommerce/api issue #95), not a missing scope.
	"bigcommerce-403": {http.StatusForbidden, "application/json", `{"status":403,"title":"Authentication Required","type":"https://developer.bigcommerce.com/api#api-status-codes"}`},
}

// validate rejects an unknown mode, gateway answer or route.
func (a Answers) validate() error {
	switch a.Mode {
	case "", ModeFirst, ModeEach, ModeRandom:
	default:
		return fmt.Errorf("answers: mode %q is not first, each or random", a.Mode)
	}
	if a.Gateway == nil {
		return nil
	}
	if _, ok := GatewayAnswers[a.Gateway.Answer]; !ok {
		return fmt.Errorf("answers: gateway answer %q is not one of html-403, html-404, json-403, json-404, bigcommerce-403", a.Gateway.Answer)
	}
	for _, key := range a.Gateway.Routes {
		if !slices.ContainsFunc(routes, func(rt route) bool { return rt.key() == key }) {
			return fmt.Errorf("answers: gateway route %q is not in the route table", key)
		}
	}
	return nil
}

// intercepts reports whether the gateway answers a route.
func (g *Gateway) intercepts(rt *route) bool {
	if g == nil || rt == nil {
		return false
	}
	if len(g.Routes) == 0 {
		return rt.key() != "GET /v2/time"
	}
	return slices.Contains(g.Routes, rt.key())
}

// write answers as the gateway does.
func (g *Gateway) write(w http.ResponseWriter) {
	a := GatewayAnswers[g.Answer]
	w.Header().Set("Content-Type", a.contentType)
	w.WriteHeader(a.status)
	_, _ = w.Write([]byte(a.body))
}

// answerChooser picks answers for one store.
type answerChooser struct {
	answers Answers
	rng     *rand.Rand
	turns   map[string]int
}

func newAnswerChooser(a Answers) *answerChooser {
	return &answerChooser{answers: a, rng: rand.New(rand.NewSource(a.Seed)), turns: map[string]int{}}
}

// pick returns the index of the answer a granted token gets on the route now.
func (c *answerChooser) pick(rt *route) int {
	n := len(rt.answers)
	switch c.answers.Mode {
	case ModeEach:
		i := c.turns[rt.key()] % n
		c.turns[rt.key()]++
		return i
	case ModeRandom:
		return c.rng.Intn(n)
	}
	return 0
}

// setAnswers sets a store's choice of answers.
func (b *BigCommerce) setAnswers(storeHash string, a Answers) error {
	if err := a.validate(); err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	st := b.stores[storeHash]
	if st == nil {
		return errNotFound
	}
	st.answers = newAnswerChooser(a)
	return nil
}

// routeAnswersAdmin adds PUT /_sandbox/stores/{store_hash}/answers, with Answers as JSON.
func (b *BigCommerce) routeAnswersAdmin() {
	b.admin.HandleFunc("PUT /_sandbox/stores/{store_hash}/answers", func(w http.ResponseWriter, r *http.Request) {
		var a Answers
		if err := standin.DecodeJSON(r, &a); err != nil {
			standin.WriteAdminError(w, http.StatusBadRequest, "answers: "+err.Error())
			return
		}
		switch err := b.setAnswers(r.PathValue("store_hash"), a); {
		case err == errNotFound:
			standin.WriteAdminError(w, http.StatusNotFound, "no store "+r.PathValue("store_hash"))
		case err != nil:
			standin.WriteAdminError(w, http.StatusBadRequest, err.Error())
		default:
			w.WriteHeader(http.StatusNoContent)
		}
	})
}
