/** Requête affichée à l'ouverture de GraphiQL (sans requête déjà enregistrée). */
export const DEFAULT_QUERY = `# Exemple : le site CHU de Saint-Étienne (Hôpital de Bellevue) et son entité juridique
{
  establishment(finess: "420782559") {
    finess
    name
    legalEntity { finess name }
    latitude
    longitude
  }
}`;
