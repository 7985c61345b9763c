package standin

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
)

// WriteJSON answers with a JSON body.
func WriteJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// WriteRaw answers with a JSON body written out.
func WriteRaw(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// DecodeJSON reads a request's JSON body strictly.
func DecodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// DecodeFaults reads and checks the body of PUT /_sandbox/faults.
func DecodeFaults(r *http.Request) (Faults, error) {
	var f Faults
	if err := DecodeJSON(r, &f); err != nil {
		return f, errors.New("faults: " + err.Error())
	}
	return f, f.Validate()
}

// WriteAdminError answers an admin request that failed.
func WriteAdminError(w http.ResponseWriter, status int, message string) {
	WriteJSON(w, status, map[string]string{"error": message})
}

// statusRecorder keeps the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(status int) {
	s.status = status
	s.ResponseWriter.WriteHeader(status)
}

// RandomString returns n characters drawn from alphabet.
func RandomString(alphabet string, n int) string {
	out := make([]byte, n)
	for i := range out {
		k, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			panic(err) // crypto/rand does not fail on supported platforms.
		}
		out[i] = alphabet[k.Int64()]
	}
	return string(out)
}

// Holds reports whether the granted scope strings include one of accepted.
func Holds(granted []string, accepted ...string) bool {
	for _, g := range granted {
		for _, a := range accepted {
			if a != "" && g == a {
				return true
			}
		}
	}
	return false
}
