import type { InvalidResponseReason } from '../core/establishment.ts';

/**
 * Tous les textes visibles de l'application, en français.
 *
 * Le type `Messages` décrit le dictionnaire : une traduction (par exemple
 * `en.ts`) n'a qu'à fournir un objet du même type, le compilateur signalera
 * toute clé manquante.
 */

export interface Messages {
  readonly lang: string;
  readonly documentTitle: string;
  readonly appTitle: string;
  readonly appTitleShort: string;
  readonly intro: readonly [string, string];
  readonly graphiqlLink: string;
  readonly graphiqlDocumentTitle: string;
  readonly graphiqlBackLink: string;

  readonly search: {
    readonly label: string;
    readonly hint: string;
    readonly placeholder: string;
    readonly submit: string;
    readonly loading: string;
  };

  /** Messages de validation du numéro FINESS, avant tout envoi au serveur. */
  readonly finessErrors: {
    readonly empty: string;
    readonly length: (actual: number) => string;
    readonly format: string;
    readonly checksum: string;
  };

  readonly result: {
    readonly heading: string;
    readonly name: string;
    readonly finess: string;
    readonly category: string;
    readonly city: string;
    readonly legalEntity: string;
    readonly derivedName: string;
    readonly derivedNameHint: string;
    readonly coordinates: string;
    readonly latitude: string;
    readonly longitude: string;
    readonly unknown: string;
  };

  readonly notFound: {
    readonly title: string;
    readonly body: (finess: string) => string;
  };

  readonly errors: {
    readonly graphqlTitle: string;
    readonly code: string;
    readonly noCode: string;
    readonly unreachableTitle: string;
    readonly unreachableBody: string;
    readonly httpTitle: string;
    readonly httpBody: (status: number) => string;
    readonly invalidTitle: string;
    readonly invalidBody: string;
    readonly invalidReasons: Readonly<Record<InvalidResponseReason, string>>;
  };

  readonly footer: string;
}

export const fr: Messages = {
  lang: 'fr',
  documentTitle: 'Maillage — coopérations en santé',
  appTitle: 'Maillage — coopérations en santé',
  appTitleShort: 'Maillage',
  intro: [
    'Maillage décrit les établissements de santé français, tels que recensés dans le répertoire FINESS, et les coopérations qui les relient.',
    'Saisissez un numéro FINESS pour retrouver un établissement, sa localisation et l’entité juridique dont il dépend.',
  ],
  graphiqlLink: 'Explorer l’API GraphQL',
  graphiqlDocumentTitle: 'Maillage — explorateur de l’API GraphQL',
  graphiqlBackLink: 'Retour à la recherche',

  search: {
    label: 'Numéro FINESS',
    hint: '9 caractères, par exemple 420782559. En Corse, le numéro commence par 2A ou 2B.',
    placeholder: '420782559',
    submit: 'Rechercher',
    loading: 'Recherche en cours…',
  },

  finessErrors: {
    empty: 'Veuillez saisir un numéro FINESS.',
    length: (actual) =>
      `Un numéro FINESS comporte 9 caractères (vous en avez saisi ${String(actual)}).`,
    format:
      'Format invalide : 9 chiffres attendus, le deuxième pouvant être A ou B (Corse).',
    checksum:
      'Ce numéro FINESS n’est pas valide : la clé de contrôle (dernier chiffre) ne correspond pas.',
  },

  result: {
    heading: 'Établissement',
    name: 'Nom',
    finess: 'FINESS',
    category: 'Catégorie',
    city: 'Commune',
    legalEntity: 'Entité juridique',
    derivedName: 'nom provisoire',
    derivedNameHint: "Le fichier des établissements ne donne pas le nom de l'entité juridique : il est déduit des noms de ses établissements, en attendant l'import du fichier des entités juridiques.",
    coordinates: 'Coordonnées',
    latitude: 'Latitude',
    longitude: 'Longitude',
    unknown: 'Non renseigné',
  },

  notFound: {
    title: 'Établissement introuvable',
    body: (finess) =>
      `Aucun site ne porte le numéro FINESS ${finess}. La recherche porte sur les établissements (FINESS géographique), pas sur les entités juridiques.`,
  },

  errors: {
    graphqlTitle: 'Le serveur a renvoyé une erreur',
    code: 'Code\u00a0:',
    noCode: 'aucun',
    unreachableTitle: 'Serveur injoignable',
    unreachableBody:
      'Impossible de contacter l’API Maillage. Vérifiez votre connexion ou réessayez dans quelques instants.',
    httpTitle: 'Erreur du serveur',
    httpBody: (status) => `Le serveur a répondu avec le statut HTTP ${String(status)}.`,
    invalidTitle: 'Réponse inattendue',
    invalidBody: 'La réponse du serveur n’a pas le format attendu.',
    invalidReasons: {
      notJson: 'La réponse n’est pas du JSON.',
      notAnObject: 'Le corps de la réponse n’est pas un objet JSON.',
      missingData: 'Le champ « data » est absent.',
      malformedEstablishment: 'Le champ « establishment » est mal formé.',
    },
  },

  footer: 'Données : répertoire national FINESS des établissements sanitaires et sociaux.',
};

export default fr;
