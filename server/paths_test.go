package server

import (
	"bufio"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rawGet sends path exactly as given (no client-side cleaning or escaping)
// and returns the status.
func rawGet(t *testing.T, serverURL, path string) int {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(serverURL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second)) // safety bound against a hang
	if _, err := conn.Write([]byte("GET " + path + " HTTP/1.1\r\nHost: case.test\r\nConnection: close\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %q: %v", path, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestMalformedPathsAre400Or404(t *testing.T) {
	e := newWholeEnv(t)
	importTestDocs(e)
	var paths []string
	for _, prefix := range []string{"/static/", "/frameworks/", "/items/", "/frameworks/x/children/", "/api/v1/frameworks/",
		"/ims/case/v1p1/CFItems/", "/ims/case/v1p0/CFPackages/", "/ims/case/v1p1/CFDocuments/", "/graphql/assets/", "/uri/", "/"} {
		for _, bad := range []string{"%FF%FE", "%ff", "%C0%AF", "%00", "%", "%zz", "..%2F..%2Fetc%2Fpasswd", "%2e%2e/%2e%2e/", "a%00b", "%E2%80%AE", "x%0D%0Ay", "%EF%BF%BF", "\xff\xfe"} {
			paths = append(paths, prefix+bad)
		}
	}
	for _, p := range paths {
		st := rawGet(t, e.ts.URL, p)
		if st >= 500 || (st >= 200 && st < 400 && st != http.StatusOK) {
			t.Errorf("GET %q: %d", p, st)
		}
		if st == http.StatusOK && strings.HasPrefix(p, "/static/") {
			t.Errorf("GET %q served a file", p)
		}
	}
}
