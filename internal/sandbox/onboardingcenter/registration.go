package onboardingcenter

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/standin"
)

// put registers a submission; o.mu is held.
func (o *Center) put(w http.ResponseWriter, r *http.Request, p *project) {
	var sub submission
	body, err := decodeBody(r, &sub)
	if err != nil {
		writeErrors(w, http.StatusUnprocessableEntity, "", "the body is not a JSON credentials submission: "+err.Error())
		return
	}
	if field, msg := validateSubmission(sub); field != "" {
		writeErrors(w, http.StatusUnprocessableEntity, field, msg)
		return
	}
	if p.storeHash != "" && p.storeHash != sub.StoreHash {
		writeErrors(w, http.StatusConflict, "store_hash", fmt.Sprintf("project %s is bound to store %s", p.id, p.storeHash))
		return
	}
	sum := sha256.Sum256(body)
	bodyHash := hex.EncodeToString(sum[:])
	key := r.Header.Get(headerIdempotencyKey)
	if rec, seen := p.keys[key]; key != "" && seen {
		if rec.bodyHash != bodyHash {
			writeErrors(w, http.StatusUnprocessableEntity, headerIdempotencyKey, "the key was used with another body")
			return
		}
		if p.reg != nil && p.reg.revision == rec.revision {
			// A repeated key is answered before any precondition.
			p.writeRegistration(w)
			return
		}
	}
	if !p.preconditionsHold(w, r) {
		return
	}
	p.lastRevision++
	revision := p.lastRevision
	p.storeHash = sub.StoreHash
	p.reg = &registration{
		sub: sub, revision: revision, submittedAt: time.Now().UTC(), status: statusSubmitted,
		verification: verification{Status: statusSubmitted, MissingScopes: []string{}, Message: "Verification in progress."},
	}
	if key != "" {
		p.keys[key] = keyRecord{bodyHash: bodyHash, revision: revision}
	}
	p.writeRegistration(w)
	o.wg.Add(1)
	go o.verify(p, revision, sub, o.delay)
}

func decodeBody(r *http.Request, v any) ([]byte, error) {
	var raw json.RawMessage
	if err := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20)).Decode(&raw); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	return raw, dec.Decode(v)
}

// validateSubmission returns the first invalid field and why.
func validateSubmission(s submission) (string, string) {
	for _, f := range []struct{ name, value string }{
		{"store_hash", s.StoreHash}, {"client_id", s.ClientID}, {"client_name", s.ClientName},
		{"api_path", s.APIPath}, {"access_token", s.AccessToken}, {"client_secret", s.ClientSecret},
	} {
		if strings.TrimSpace(f.value) == "" && f.name != "client_name" {
			return f.name, "is required"
		}
	}
	if s.Owner != "" && !projectIDPattern.MatchString(s.Owner) {
		return "owner", "must be 1 to 64 letters, digits, '_' or '-'"
	}
	if !storeHashPattern.MatchString(s.StoreHash) {
		return "store_hash", "must be 5 to 16 lowercase letters and digits"
	}
	if m := apiPathOfStore.FindStringSubmatch(s.APIPath); m == nil || m[1] != s.StoreHash {
		return "api_path", "must be https://api.bigcommerce.com/stores/" + s.StoreHash + "/v3/"
	}
	return "", ""
}

// etag is the contract's ETag of the registration: its revision in double quotes.
func (r *registration) etag() string {
	return `"` + strconv.FormatInt(r.revision, 10) + `"`
}

// writeRegistration answers 200 with the registration and its ETag.
func (p *project) writeRegistration(w http.ResponseWriter) {
	w.Header().Set("ETag", p.reg.etag())
	standin.WriteJSON(w, http.StatusOK, p.reg.view())
}

// preconditionsHold checks If-Match and If-None-Match, and answers 412 with
// the current registration when one fails.
func (p *project) preconditionsHold(w http.ResponseWriter, r *http.Request) bool {
	ifMatch, ifNoneMatch := r.Header.Get("If-Match"), r.Header.Get("If-None-Match")
	var failed string
	switch {
	case ifNoneMatch == "*" && p.reg != nil:
		failed = "credentials are registered already (revision " + strconv.FormatInt(p.reg.revision, 10) + ")"
	case ifNoneMatch != "" && ifNoneMatch != "*":
		writeErrors(w, http.StatusUnprocessableEntity, "If-None-Match", "only * is supported")
		return false
	case ifMatch != "" && p.reg == nil:
		failed = "no credentials are registered"
	case ifMatch != "" && ifMatch != p.reg.etag():
		failed = "the registration is at revision " + strconv.FormatInt(p.reg.revision, 10) + ", not " + ifMatch
	default:
		return true
	}
	var current any
	if p.reg != nil {
		current = p.reg.view()
	}
	standin.WriteJSON(w, http.StatusPreconditionFailed, map[string]any{
		"errors":       []fieldError{{Message: "precondition failed: " + failed}},
		"registration": current,
	})
	return false
}

func (p *project) withdraw() {
	p.reg = nil
	p.keys = map[string]keyRecord{}
}

func (p *project) view() map[string]any {
	var storeHash any
	if p.storeHash != "" {
		storeHash = p.storeHash
	}
	status := statusPending
	if p.reg != nil {
		status = p.reg.status
	}
	return map[string]any{
		"id": p.id, "name": p.name, "store_hash": storeHash,
		"tasks": []map[string]string{{"key": taskAPICredentials, "status": status}},
	}
}

// view is the registration as the API shows it: never a secret.
func (r *registration) view() registrationBody {
	var owner *string
	if r.sub.Owner != "" {
		owner = &r.sub.Owner
	}
	return registrationBody{
		Owner:        owner,
		Status:       r.status,
		StoreHash:    r.sub.StoreHash,
		ClientID:     r.sub.ClientID,
		ClientName:   r.sub.ClientName,
		APIPath:      r.sub.APIPath,
		Fingerprint:  r.sub.fingerprint(),
		Revision:     r.revision,
		SubmittedAt:  r.submittedAt.Format(time.RFC3339),
		Verification: r.verification,
	}
}
