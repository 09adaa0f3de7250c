package seed

// subjectVocab is the vocabulary synthetic statements of one subject are
// composed from: verb + object + context.
type subjectVocab struct {
	name     string   // CFSubject title
	letter   string   // first letter of codes
	domains  []string // domain titles
	abbrevs  []string // domain codes, same order
	verbs    []string
	objects  []string
	contexts []string
}

// vocabs lists mathematics, English language arts and science; domain i of a
// grade uses vocabs[i%3].
var vocabs = [3]subjectVocab{
	{
		name: "Mathematics", letter: "M",
		domains: []string{"Number and Quantity", "Algebra", "Functions", "Geometry", "Statistics and Probability", "Ratios and Proportional Reasoning", "Measurement and Data"},
		abbrevs: []string{"NQ", "ALG", "FUN", "GEO", "STAT", "RP", "MD"},
		verbs:   []string{"Solve", "Represent", "Explain", "Compare", "Estimate", "Model", "Compute", "Interpret", "Justify", "Graph", "Simplify", "Apply"},
		objects: []string{"linear equations in one variable", "unit fractions", "the area of rectangles", "place value to thousands", "ratios and rates",
			"the volume of rectangular prisms", "systems of two linear equations", "quadratic functions", "the Pythagorean theorem", "angles formed by parallel lines",
			"proportional relationships", "measures of centre and spread", "probabilities of compound events", "exponential growth and decay", "negative integers on a number line",
			"equivalent expressions", "the circumference of a circle", "scatter plots of bivariate data", "multi-digit multiplication", "decimal fractions to hundredths"},
		contexts: []string{"in real-world problems", "using tables and graphs", "with visual fraction models", "by reasoning about place value", "on a coordinate plane",
			"using properties of operations", "with and without technology", "in geometric figures", "using precise mathematical language", "from a context",
			"by writing and solving equations", "with concrete objects and drawings"},
	},
	{
		name: "English Language Arts", letter: "E",
		domains: []string{"Reading Literature", "Reading Informational Text", "Writing", "Speaking and Listening", "Language", "Foundational Skills"},
		abbrevs: []string{"RL", "RI", "W", "SL", "L", "RF"},
		verbs:   []string{"Determine", "Analyse", "Summarise", "Cite", "Compare", "Write", "Present", "Evaluate", "Describe", "Revise", "Trace", "Identify"},
		objects: []string{"the central idea of a text", "the point of view of a narrator", "arguments supported by clear reasons", "the meaning of unknown words", "how a character changes",
			"the structure of a poem", "informative texts that examine a topic", "evidence that supports an inference", "figurative language and word relationships", "a sequence of events",
			"claims in a speech", "the theme of a story", "narratives about real or imagined experiences", "the author's purpose", "conventions of standard English grammar",
			"multiple accounts of the same event", "research from several print and digital sources", "the tone of a passage"},
		contexts: []string{"in grade-level texts", "drawing on specific details", "in collaborative discussions", "using digital tools", "with guidance and support from adults",
			"across two or more texts", "in a short research project", "for a range of audiences", "using context clues", "in drama and prose"},
	},
	{
		name: "Science", letter: "S",
		domains: []string{"Physical Science", "Life Science", "Earth and Space Science", "Engineering Design", "Chemistry of Matter", "Ecosystems"},
		abbrevs: []string{"PS", "LS", "ESS", "ETS", "CHM", "ECO"},
		verbs:   []string{"Investigate", "Construct an explanation of", "Develop a model of", "Plan an investigation of", "Analyse data on", "Predict", "Argue from evidence about", "Design a solution for", "Classify", "Measure", "Observe", "Communicate"},
		objects: []string{"the water cycle", "energy transfer in food webs", "forces and motion", "the structure of cells", "chemical reactions that release energy",
			"the phases of the Moon", "inherited traits in plants and animals", "weathering and erosion", "waves and their properties", "the conservation of matter",
			"natural hazards and their effects", "photosynthesis and respiration", "magnetic and electric interactions", "the layers of the Earth", "adaptations that help organisms survive",
			"the flow of energy in circuits", "climate patterns over time", "the properties of materials"},
		contexts: []string{"using evidence from investigations", "with models and simulations", "in local ecosystems", "over different time scales", "by collecting and graphing data",
			"using mathematical representations", "in everyday phenomena", "to solve a design problem", "in the solar system", "through fair tests"},
	},
}

// clusterVerbs open the statements of clusters, which group standards.
var clusterVerbs = []string{"Understand", "Use", "Reason about", "Work with", "Build fluency with", "Explore", "Make sense of", "Connect"}

// gradeLevels are the education levels of grades K–12, indexed by grade.
var gradeLevels = []string{"KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"}

// gradeNames are the humanCodingScheme grade marks, indexed by grade.
var gradeNames = []string{"K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}

// levelNames are the CFItemType titles of the five tree levels.
var levelNames = [5]string{"Grade", "Domain", "Cluster", "Standard", "Sub-standard"}
