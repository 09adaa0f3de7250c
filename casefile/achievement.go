package casefile

import "strings"

// Open Badges 3.0 / CLR 2.0 vocabulary used when casenode describes a CASE
// object as an Achievement or reads the alignments of a learner's credential.
const (
	// OB3Context is the JSON-LD context list of an OB 3.0 Achievement.
	OB3ContextVC = "https://www.w3.org/ns/credentials/v2"
	OB3Context   = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

	// Alignment target types of the OB 3.0 AlignmentTargetType vocabulary.
	TargetCFItem                 = "CFItem"
	TargetCFRubric               = "CFRubric"
	TargetCFRubricCriterion      = "CFRubricCriterion"
	TargetCFRubricCriterionLevel = "CFRubricCriterionLevel"
	TargetCFDocument             = "ext:CFDocument" // not in the OB vocabulary: an extension value
)

// Achievement is an OB 3.0 Achievement (CLR 2.0 uses the same class).
type Achievement struct {
	Context           []string            `json:"@context,omitempty"`
	ID                string              `json:"id"`
	Type              []string            `json:"type"`
	AchievementType   string              `json:"achievementType,omitempty"`
	Name              string              `json:"name"`
	Description       string              `json:"description"`
	Criteria          AchievementCriteria `json:"criteria"`
	HumanCode         string              `json:"humanCode,omitempty"`
	Language          string              `json:"@language,omitempty"`
	Tag               []string            `json:"tag,omitempty"`
	Creator           *Profile            `json:"creator,omitempty"`
	Alignment         []Alignment         `json:"alignment,omitempty"`
	ResultDescription []ResultDescription `json:"resultDescription,omitempty"`
}

// AchievementCriteria says what earning the achievement requires.
type AchievementCriteria struct {
	ID        string `json:"id,omitempty"`
	Narrative string `json:"narrative,omitempty"`
}

// Profile is an OB 3.0 Profile (issuer or creator).
type Profile struct {
	ID   string   `json:"id"`
	Type []string `json:"type"`
	Name string   `json:"name,omitempty"`
	URL  string   `json:"url,omitempty"`
}

// Alignment is an OB 3.0 Alignment: the achievement's link to a framework node.
type Alignment struct {
	Type              []string `json:"type"`
	TargetName        string   `json:"targetName"`
	TargetURL         string   `json:"targetUrl"`
	TargetDescription string   `json:"targetDescription,omitempty"`
	TargetCode        string   `json:"targetCode,omitempty"`
	TargetFramework   string   `json:"targetFramework,omitempty"`
	TargetType        string   `json:"targetType,omitempty"`
}

// ResultDescription describes the possible results of an achievement (a
// rubric criterion and its levels).
type ResultDescription struct {
	ID                   string          `json:"id"`
	Type                 []string        `json:"type"`
	Name                 string          `json:"name"`
	ResultType           string          `json:"resultType"`
	Alignment            []Alignment     `json:"alignment,omitempty"`
	RubricCriterionLevel []OBRubricLevel `json:"rubricCriterionLevel,omitempty"`
}

// OBRubricLevel is one OB 3.0 RubricCriterionLevel.
type OBRubricLevel struct {
	ID          string      `json:"id"`
	Type        []string    `json:"type"`
	Name        string      `json:"name"`
	Description string      `json:"description,omitempty"`
	Points      string      `json:"points,omitempty"`
	Alignment   []Alignment `json:"alignment,omitempty"`
}

// CanonicalURI is the version-independent uri this node mints for an object
// that arrived without one, and serves: {base}/uri/{id} ("urn:uuid:{id}"
// when the node has no base URL).
func CanonicalURI(base, id string) string {
	base = strings.TrimRight(base, "/")
	if base == "" {
		return "urn:uuid:" + id
	}
	return base + "/uri/" + id
}

// URIIdentifier returns the identifier a CASE uri names by its last path
// segment — a node's /uri/{id}, a REST path /ims/case/v1p0|v1p1/CF…/{id} of
// any host, or urn:uuid:{id} — lower-cased when it is a UUID; "" when the
// last segment is not a UUID.
func URIIdentifier(uri string) string {
	s := strings.TrimSpace(uri)
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimRight(s, "/")
	if i := strings.LastIndexAny(s, "/:"); i >= 0 {
		s = s[i+1:]
	}
	if id, ch := CanonicalID(s); ch != IDMapped {
		return id
	}
	return ""
}
