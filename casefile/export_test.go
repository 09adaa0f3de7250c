package casefile

import "io"

// DecodeManyWith is DecodeMany with a set number of decoding workers and
// elements per chunk (decode_array.go), for tests comparing them.
func DecodeManyWith(r io.Reader, opt DecodeOptions, workers, chunkElems int) ([]*Package, []Warning, error) {
	opt.parallel = parallelism{workers: workers, chunkElems: chunkElems}
	return DecodeMany(r, opt)
}
