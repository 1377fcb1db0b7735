-- The evaluation of a model version against the seed's labels (Pricing.Silo evaluate), and why a version was set
-- aside: a version whose bytes cannot be read fails the run that meets it once, then the previous one is used.
ALTER TABLE model_versions ADD COLUMN evaluation_json TEXT NULL;
ALTER TABLE model_versions ADD COLUMN broken_reason TEXT NULL;
