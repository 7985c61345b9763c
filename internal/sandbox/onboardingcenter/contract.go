package onboardingcenter

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
)

// The contract's words (internal/onboarding/openapi.yaml), spelt out here
// rather than shared with the client.
const (
	statusPending   = "pending"
	statusSubmitted = "submitted"
	statusVerified  = "verified"
	statusRejected  = "rejected"

	headerIdempotencyKey = "Idempotency-Key"
	taskAPICredentials   = "api_credentials"
)

// projectIDPattern is the contract's ProjectID parameter pattern.
var projectIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// submission is the contract's CredentialsSubmission.
type submission struct {
	StoreHash    string `json:"store_hash"`
	ClientID     string `json:"client_id"`
	ClientName   string `json:"client_name"`
	APIPath      string `json:"api_path"`
	AccessToken  string `json:"access_token"`
	ClientSecret string `json:"client_secret"`
	// Owner is the submitting client's opaque id; empty for a hand upload.
	Owner string `json:"owner,omitempty"`
}

// fingerprint is the contract's: the lowercase hex SHA-256 of the access
// token, a newline and the client secret.
func (s submission) fingerprint() string {
	sum := sha256.Sum256([]byte(s.AccessToken + "\n" + s.ClientSecret))
	return hex.EncodeToString(sum[:])
}

// verification is the registration's verification object.
type verification struct {
	Status        string   `json:"status"`
	MissingScopes []string `json:"missing_scopes"`
	Message       string   `json:"message"`
}

// registrationBody is the contract's Registration: never a secret.
type registrationBody struct {
	Status       string       `json:"status"`
	StoreHash    string       `json:"store_hash"`
	ClientID     string       `json:"client_id"`
	ClientName   string       `json:"client_name"`
	APIPath      string       `json:"api_path"`
	Fingerprint  string       `json:"fingerprint"`
	Revision     int64        `json:"revision"`
	SubmittedAt  string       `json:"submitted_at"`
	Verification verification `json:"verification"`
	// Owner is null when the submission had none.
	Owner *string `json:"owner"`
}

// fieldError is one entry of the contract's Errors.
type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}
