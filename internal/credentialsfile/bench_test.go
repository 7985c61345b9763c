package credentialsfile

import "testing"

func BenchmarkParse(b *testing.B) {
	data := []byte(layoutB())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if creds, _ := Parse(data); creds == nil {
			b.Fatal("rejected")
		}
	}
}
