// Package uq holds the estimators and samplers of uncertainty
// quantification, free of the model: the Sobol low-discrepancy sequence,
// Morris elementary-effects screening, Sobol first- and total-order indices
// by Saltelli sampling, bootstrap confidence intervals, and approximate
// Bayesian computation by adaptive population Monte Carlo.
//
// Every function works in the unit cube [0, 1]^k; mapping a unit
// coordinate to a parameter's plausible range is the caller's business
// (package scenarios does it from the keys' low and high tags). All
// randomness comes from math/rand/v2 generators the caller seeds, so every
// result is a function of its inputs and the seed.
//
// The estimators are checked against functions with known indices (the
// Ishigami function, the Sobol g-function, linear models) in the tests.
// The methods and their sources are in docs/sensitivity.md.
package uq
