//! Dosing engine, protocol cards, patient input and dose formatting.
