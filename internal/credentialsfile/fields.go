package credentialsfile

import "strings"

// CheckFields checks credentials given field by field, as in the Onboarding
// Center's form, with the parser's rules. An empty APIPath stands for the v3
// path of StoreHash. Findings have no line; their label names the field,
// LabelStoreHash for the store hash.
func CheckFields(c Credentials) (*Credentials, Findings) {
	p := parser{fields: map[string]line{}}
	hashOK := p.checkStoreHash(line{label: LabelStoreHash, value: c.StoreHash}, c.StoreHash)
	if c.APIPath == "" && hashOK {
		c.APIPath = APIPathOf(c.StoreHash)
	}
	for label, value := range map[string]string{LabelAccessToken: c.AccessToken, LabelClientID: c.ClientID, LabelClientSecret: c.ClientSecret,
		LabelAPIPath: c.APIPath, LabelName: c.ClientName} {
		if value != "" {
			p.fields[label] = line{label: label, value: value}
		}
	}
	creds := p.validate()
	if creds.StoreHash != "" && hashOK && creds.StoreHash != c.StoreHash {
		p.errorf(0, LabelAPIPath, "API PATH names another store",
			"the API path names the store %q, but the store hash is %q. Use the API path of the same store, %s.", creds.StoreHash, c.StoreHash, APIPathOf(c.StoreHash))
	}
	if p.findings.HasErrors() {
		return nil, p.findings
	}
	creds.StoreHash = c.StoreHash
	return creds, p.findings
}

// accountName returns the account name and warns when it is not the recommended one.
func (p *parser) accountName() string {
	name, hasName := p.fields[LabelName]
	clientName, hasClientName := p.fields[LabelClientName]
	chosen := name
	switch {
	case hasName && hasClientName && name.value != clientName.value:
		p.warnf(clientName.number, LabelClientName, "NAME and CLIENT NAME differ",
			"%s says %q and %s says %q. The account name is taken from NAME.",
			where(name), name.value, where(clientName), clientName.value)
	case !hasName && hasClientName:
		chosen = clientName
	case !hasName && !hasClientName:
		if p.form() {
			return ""
		}
		p.warnf(0, LabelName, "No account name",
			"The file has neither a NAME nor a CLIENT NAME line, so the API account's name is unknown. Modern Retail's setup guide names the account %q.",
			RecommendedAccountName)
		return ""
	}
	if chosen.value != "" && !strings.EqualFold(strings.Join(strings.Fields(chosen.value), " "), RecommendedAccountName) {
		p.warnf(chosen.number, chosen.label, "Unexpected API account name",
			"%s names the API account %q. Modern Retail's setup guide asks for %q, so the merchant and Modern Retail can tell the account apart; rename it in the BigCommerce control panel under Settings › Store-level API accounts.",
			where(chosen), chosen.value, RecommendedAccountName)
	}
	return chosen.value
}

// checkSwapped reports an access token and client secret that look exchanged.
func (p *parser) checkSwapped() bool {
	token, okToken := p.fields[LabelAccessToken]
	secret, okSecret := p.fields[LabelClientSecret]
	if !okToken || !okSecret {
		return false
	}
	swapped := secretShape.matches(token.value) && !secretShape.matches(secret.value) && tokenShape.matches(secret.value)
	if swapped {
		p.errorf(secret.number, LabelClientSecret, "ACCESS TOKEN and CLIENT SECRET look swapped",
			"The %s value has the shape of a client secret, and the %s value has the shape of an access token. Restore the labels as BigCommerce wrote them.",
			where(token), where(secret))
	}
	return swapped
}
