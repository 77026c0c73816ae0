-- The neighbourhood of depth 2 of an organisation on today's date, as a
-- PostGraphile user would write it (bench-peer, question c): the
-- organisation, the cooperation objects it takes part in (groupings
-- through memberships, conventions through their parties, filières
-- through their roles, teams through its sites), and each object's
-- organisations, teams and filières; every record holds today (its
-- validity [valid_from, valid_to) contains the day), as Maillage shows it.
-- PostGraphile exposes it as the root field neighbourhood(finess).
CREATE SCHEMA peer_private;
CREATE FUNCTION peer_private.holds(valid_from timestamptz, valid_to timestamptz) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT (valid_from IS NULL OR valid_from::date <= current_date) AND (valid_to IS NULL OR valid_to::date > current_date)
$$;

CREATE TYPE neighbour AS (kind text, code text, label text);

CREATE FUNCTION neighbourhood(finess text) RETURNS SETOF neighbour
LANGUAGE sql STABLE PARALLEL SAFE AS $$
WITH e AS (SELECT le.id, le.finess, le.name FROM legal_entities le WHERE le.finess = neighbourhood.finess AND peer_private.holds(le.valid_from, le.valid_to)),
g AS (SELECT DISTINCT x.id FROM memberships m JOIN e ON m.legal_entity_id = e.id JOIN groupings x ON x.id = m.grouping_id WHERE peer_private.holds(m.valid_from, m.valid_to) AND peer_private.holds(x.valid_from, x.valid_to)),
c AS (SELECT DISTINCT x.id FROM convention_parties p JOIN e ON p.legal_entity_id = e.id JOIN conventions x ON x.id = p.convention_id WHERE peer_private.holds(p.valid_from, p.valid_to) AND peer_private.holds(x.valid_from, x.valid_to)),
f AS (SELECT DISTINCT x.id FROM filiere_roles r JOIN e ON r.legal_entity_id = e.id JOIN filieres x ON x.id = r.filiere_id WHERE peer_private.holds(r.valid_from, r.valid_to) AND peer_private.holds(x.valid_from, x.valid_to)),
t AS (SELECT DISTINCT x.id FROM team_sites ts JOIN establishments s ON s.id = ts.establishment_id JOIN e ON s.legal_entity_id = e.id JOIN medical_teams x ON x.id = ts.team_id
      WHERE peer_private.holds(ts.valid_from, ts.valid_to) AND peer_private.holds(s.valid_from, s.valid_to) AND peer_private.holds(x.valid_from, x.valid_to))
SELECT 'LEGAL_ENTITY', e.finess, e.name FROM e
UNION SELECT 'GROUPING', x.code, x.name FROM groupings x JOIN g USING (id)
UNION SELECT 'LEGAL_ENTITY', le.finess, le.name FROM memberships m JOIN g ON m.grouping_id = g.id JOIN legal_entities le ON le.id = m.legal_entity_id WHERE peer_private.holds(m.valid_from, m.valid_to) AND peer_private.holds(le.valid_from, le.valid_to)
UNION SELECT 'TEAM', NULL, x.name FROM medical_teams x JOIN g ON x.grouping_id = g.id WHERE peer_private.holds(x.valid_from, x.valid_to)
UNION SELECT 'CONVENTION', x.code, x.name FROM conventions x JOIN c USING (id)
UNION SELECT 'LEGAL_ENTITY', le.finess, le.name FROM convention_parties p JOIN c ON p.convention_id = c.id JOIN legal_entities le ON le.id = p.legal_entity_id WHERE peer_private.holds(p.valid_from, p.valid_to) AND peer_private.holds(le.valid_from, le.valid_to)
UNION SELECT 'FILIERE', NULL, x.name FROM filieres x JOIN c ON x.convention_id = c.id WHERE peer_private.holds(x.valid_from, x.valid_to)
UNION SELECT 'TEAM', NULL, x.name FROM medical_teams x JOIN c ON x.convention_id = c.id WHERE peer_private.holds(x.valid_from, x.valid_to)
UNION SELECT 'FILIERE', NULL, x.name FROM filieres x JOIN f USING (id)
UNION SELECT 'LEGAL_ENTITY', le.finess, le.name FROM filiere_roles r JOIN f ON r.filiere_id = f.id JOIN legal_entities le ON le.id = r.legal_entity_id WHERE peer_private.holds(r.valid_from, r.valid_to) AND peer_private.holds(le.valid_from, le.valid_to)
UNION SELECT 'TEAM', NULL, x.name FROM medical_teams x JOIN t USING (id)
UNION SELECT 'LEGAL_ENTITY', le.finess, le.name FROM team_sites ts JOIN t ON ts.team_id = t.id JOIN establishments s ON s.id = ts.establishment_id JOIN legal_entities le ON le.id = s.legal_entity_id
      WHERE peer_private.holds(ts.valid_from, ts.valid_to) AND peer_private.holds(s.valid_from, s.valid_to) AND peer_private.holds(le.valid_from, le.valid_to)
$$;
