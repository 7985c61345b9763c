// Package sandbox runs the two local stand-ins from one fixture: BigCommerce's
// store API (storeapi) and Modern Retail's Onboarding Center
// (onboardingcenter). Neither shares code with the provider's clients, so the
// tests can catch a wrong probe or a misspelt header. Tests run them
// in-process; the demo and CI run them as a program (cmd/sandbox).
package sandbox

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/onboardingcenter"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/standin"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/storeapi"
)

// Fixture describes the stores and API accounts, and the onboarding projects, the sandbox serves.
type Fixture struct {
	Stores     []Store            `json:"stores"`
	Onboarding *OnboardingFixture `json:"onboarding,omitempty"`
}

// The stand-ins' types, by the names the sandbox's users know them by.
type (
	Store             = storeapi.Store
	APIAccount        = storeapi.APIAccount
	BigCommerce       = storeapi.BigCommerce
	Answers           = storeapi.Answers
	Gateway           = storeapi.Gateway
	OnboardingFixture = onboardingcenter.Fixture
	ProjectFixture    = onboardingcenter.ProjectFixture
	Onboarding        = onboardingcenter.Center
	RegistrationView  = onboardingcenter.RegistrationView
	TaskStatusChange  = onboardingcenter.TaskStatusChange
	Faults            = standin.Faults
	Stats             = standin.Stats
	StoreStats        = standin.StoreStats
	LoggedRequest     = standin.LoggedRequest
)

// The modes of Answers.
const (
	AnswersFirst  = storeapi.ModeFirst
	AnswersEach   = storeapi.ModeEach
	AnswersRandom = storeapi.ModeRandom
)

// LoadFixture reads a fixture file.
func LoadFixture(path string) (Fixture, error) {
	var f Fixture
	data, err := os.ReadFile(path)
	if err != nil {
		return f, err
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return f, fmt.Errorf("fixture %s: %w", path, err)
	}
	return f, nil
}

// Start builds both stand-ins for a fixture: the BigCommerce stand-in, with
// the secrets it generated, and the Onboarding Center, which verifies
// submissions against the BigCommerce stand-in's accounts.
func Start(f Fixture) (*BigCommerce, *Onboarding, Fixture, error) {
	bc, err := storeapi.New(f.Stores)
	if err != nil {
		return nil, nil, f, err
	}
	ob, err := onboardingcenter.New(f.Onboarding, bc)
	if err != nil {
		return nil, nil, f, err
	}
	f.Stores = bc.Stores()
	return bc, ob, f, nil
}

// WriteCredentialsFiles writes each account's credentials file into dir, as BigCommerce downloads it.
func WriteCredentialsFiles(f Fixture, dir string) error {
	return storeapi.WriteCredentialsFiles(f.Stores, dir)
}
