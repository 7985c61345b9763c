package credentialsfile

import (
	"fmt"
	"strings"
)

// Format writes credentials in the layout of BigCommerce's documented example
// (layout A): ACCESS TOKEN, CLIENT NAME, API PATH, CLIENT ID, CLIENT SECRET.
// An empty APIPath is written as the v3 path of StoreHash.
func Format(c Credentials) []byte {
	apiPath := c.APIPath
	if apiPath == "" {
		apiPath = APIPathOf(c.StoreHash)
	}
	var b strings.Builder
	for _, field := range [][2]string{
		{LabelAccessToken, c.AccessToken},
		{LabelClientName, c.ClientName},
		{LabelAPIPath, apiPath},
		{LabelClientID, c.ClientID},
		{LabelClientSecret, c.ClientSecret},
	} {
		fmt.Fprintf(&b, "%s: %s\n", field[0], field[1])
	}
	return []byte(b.String())
}
