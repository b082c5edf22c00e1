package sim

import "channelsim/world"

// NewDefault builds a model of cfg on the embedded map.
func NewDefault(cfg *Config) (*Model, error) {
	w, err := world.Default()
	if err != nil {
		return nil, err
	}
	return New(cfg, w)
}
