-- placeholder, replaced by the control-plane schema
CREATE TABLE IF NOT EXISTS schema_probe (id INTEGER PRIMARY KEY);
