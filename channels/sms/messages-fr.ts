import { ORDER_STATUS_NAMES, PAYMENT_STATUS_NAMES } from '../text/status-names.js';
import type { Messages } from './sms-messages.js';

// Only letters of the GSM-7 alphabet: é, è, à, ù are in it; ê, â, î, ô, û, ç and ë are not.
export const messagesFr: Messages = {
  help: ({ seller, partner }) =>
    seller || partner
      ? `TROUVER ACHETER ETAT ANNULER PRIX SIGNALER ARRET.${seller ? ' Vente: VENDRE QTE VENTES ACCEPTER EXPEDIER.' : ''}${partner ? ' Centre: RECU ARRIVEE REMIS TACHES GAINS PAYER RENDRE.' : ''} AIDE <cmd>`
      : 'CHERCHER riz, COMMANDER 2 RICE5, ETAT, ANNULER code, PRIX riz, SIGNALER riz 850, ALERTE riz 900, INSCRIRE code, LANGUE en, ARRET. Plus: AIDE COMMANDER',
  usage: {
    HELP: "AIDE: toutes les commandes. AIDE <commande>: comment l'utiliser, ex. AIDE COMMANDER",
    JOIN: 'INSCRIRE <code du centre>: inscription au centre de services du village. Ex: INSCRIRE MWG01',
    FIND: 'CHERCHER <mots>: produits avec code et prix. Ex: CHERCHER riz',
    ORDER: 'COMMANDER <qté> <code> [<qté> <code>...] [CASH ou MOMO]. Ex: COMMANDER 2 RICE5 1 BEANS2 CASH',
    STATUS: 'ETAT: vos dernières commandes. ETAT <commande>: une commande. Ex: ETAT 7KQ2MX',
    CANCEL: "ANNULER <commande>: annuler avant l'envoi. Ex: ANNULER 7KQ2MX",
    PRICE: 'PRIX <culture> [marché]: prix bas, médian et haut sur 14 jours. Ex: PRIX riz Arusha',
    REPORT: 'SIGNALER <culture> <prix> [unité] [marché]: partager un prix. Ex: SIGNALER riz 850 kg Arusha',
    SELL: 'VENDRE <code> <prix> <stock> [nom]: publier ou modifier un produit. Ex: VENDRE RICE5 16500 40 Riz 5kg',
    STOCK: "INVENTAIRE <code> <qté>: fixer le stock d'un produit. Ex: INVENTAIRE RICE5 25",
    ACCEPT: 'ACCEPTER <commande>: accepter une nouvelle commande. Ex: ACCEPTER 7KQ2MX',
    SHIP: 'EXPEDIER <commande>: la commande part vers le centre. Ex: EXPEDIER 7KQ2MX',
    RECEIVED: "RECU <commande>: un vendeur a déposé une commande à votre centre, à envoyer au centre de l'acheteur. Ex: RECU 7KQ2MX",
    ARRIVED: "ARRIVEE <commande>: le colis est au centre; l'acheteur obtient un code. Ex: ARRIVEE 7KQ2MX",
    DELIVERED: 'REMIS <commande> <code>: remettre la commande. Ex: REMIS 7KQ2MX 482913',
    TASKS: 'TACHES: commandes à recevoir des vendeurs, en route vers votre centre ou qui y attendent.',
    ORDERS: 'VENTES: les dernieres commandes de votre boutique a accepter ou expedier.',
    EARNINGS: 'GAINS: commandes remises ce mois, commission et espèces.',
    PAYOUT: 'PAYER <tél. du vendeur> <montant>: vous avez remis ses ventes au vendeur. Ex: PAYER 0754100020 30000',
    REFUND: 'REMBOURSER <commande> <quittance>: rembourse une commande payée. Ex: REMBOURSER 7KQ2MX R1023',
    LANG: 'LANGUE en, sw, fr ou zh: la langue des réponses. Ex: LANGUE fr',
    STOP: 'ARRET: plus de notifications. REPRENDRE: réactiver les notifications. Les réponses arrivent toujours.',
    START: 'REPRENDRE: réactiver les notifications. ARRET: plus de notifications.',
    ALERT:
      'ALERTE <produit> [sous] <prix> [marché]: un SMS quand la médiane atteint le prix. ALERTE seul: vos alertes. Exemple: ALERTE mais 900',
    UNALERT: 'RETIRER <numéro>: supprimer une alerte de prix. ALERTE les liste. Exemple: RETIRER 2',
    YES: "OUI <code>: accepter l'appli qui demande, avec le code de son SMS. Exemple: OUI 4821",
    NO: "NON <code>: refuser l'appli qui demande, avec le code de son SMS. Exemple: NON 4821",
    APPS: 'APPLIS: les applis qui agissent pour vous, numérotées. REVOQUER <numéro> en retire une.',
    REVOKE: "REVOQUER <numéro>: retirer tout de suite l'accès d'une appli. APPLIS les liste. Exemple: REVOQUER 1",
  },
  welcome:
    'Bienvenue sur Village Trade! Envoyez INSCRIRE et le code de votre centre, ex. INSCRIRE MWG01. PRIX riz: prix du marché. AIDE: commandes.',
  notJoined: "Inscrivez-vous d'abord: envoyez INSCRIRE et le code du centre, ex. INSCRIRE MWG01.",
  joined: ({ center, code }) => `Vous avez rejoint ${center} (${code}). Envoyez CHERCHER riz pour trouver des produits, ou AIDE.`,
  foundItem: ({ code, name, price }) => `${code} ${name} ${price}`,
  more: (leftOut) => ` +${leftOut} autres`,
  foundNone: ({ words }) => `Rien trouvé pour ${words}. Essayez un autre mot.`,
  ordered: ({ code, total, center, payment }) =>
    `Commande ${code}: ${total}. Retrait: ${center}. ${payment === 'CASH' ? 'Payez en espèces au retrait.' : 'Payez par mobile money avant le retrait.'}`,
  ordersHead: 'Vos commandes: ',
  orderItem: ({ code, status, total }) => `${code} ${status} ${total}`,
  orderItemRefunded: ({ code, status, total }) => `${code} ${status}, ${total} remboursés`,
  noOrders: "Vous n'avez pas encore de commande. Ex: COMMANDER 2 RICE5",
  orderOne: ({ code, status, total, payment, center }) => `Commande ${code}: ${status}, ${total}, ${payment}. Retrait: ${center}`,
  orderRefunded: ({ code, status, total }) => `Commande ${code}: ${status}, ${total} remboursés.`,
  cancelled: ({ code }) => `Commande ${code} annulée.`,
  accepted: ({ code, dropOff }) =>
    dropOff
      ? `Commande ${code} acceptée. Déposez-la à ${dropOff}; le centre l'envoie ensuite.`
      : `Commande ${code} acceptée. Envoyez EXPEDIER ${code} au départ.`,
  dropOffFirst: ({ code, center }) => `La commande ${code} passe par ${center}: déposez-la là-bas, le centre l'envoie ensuite.`,
  received: ({ code }) => `Commande ${code} bien déposée. Envoyez EXPEDIER ${code} quand elle part vers le centre de l'acheteur.`,
  shipped: ({ code, center }) => `Commande ${code} en route vers ${center}.`,
  pricesHead: ({ commodity }) => `${commodity}, 14 jours: `,
  priceItem: ({ market, unit, min, median, max, count, date, change }) =>
    `${market} ${min}-${max}/${unit}, médiane ${median}${change} (${count}, ${date})`,
  noPrices: ({ commodity }) => `Aucun prix de ${commodity} sur 14 jours. Envoyez SIGNALER ${commodity} <prix> pour en ajouter.`,
  reported: ({ commodity, price, unit, market }) => `Merci! ${commodity} ${price}/${unit} à ${market} enregistré.`,
  listed: ({ code, name, price, stock }) => `${code} ${name}: ${price}, stock ${stock}.`,
  stockSet: ({ code, stock }) => `${code}: stock ${stock}.`,
  languageSet: 'Les réponses sont désormais en francais.',
  stopped: 'Vous ne recevrez plus de notifications. Envoyez REPRENDRE pour les recevoir de nouveau.',
  started: 'Notifications actives. Envoyez ARRET pour les couper.',
  unknown: ({ suggestion }) => `Désolé, je n'ai pas compris.${suggestion ? ` Vouliez-vous dire ${suggestion}?` : ''} Envoyez AIDE.`,
  rateLimited: 'Trop de messages. Attendez 10 minutes, puis réessayez.',
  orderStatus: ORDER_STATUS_NAMES.fr,
  paymentStatus: PAYMENT_STATUS_NAMES.fr,
  entity: { product: 'Produit', order: 'Commande', center: 'Centre', shop: 'Boutique' },
  notFound: ({ entity, key }) => `${entity} ${key} introuvable. Vérifiez le code.`,
  outOfStock: ({ code, available }) => `Désolé, il reste seulement ${available} ${code}. Rien n'a été commandé.`,
  forbidden: 'Désolé, vous ne pouvez pas faire cela.',
  orderRule: ({ rule, maxLines, maxQuantity }) =>
    ({
      ONE_SELLER: 'Une commande achete a un seul vendeur. Une COMMANDER par vendeur.',
      MAX_LINES: `Une commande a au plus ${maxLines} produits. Faites-en deux.`,
      MAX_QUANTITY: `Au plus ${maxQuantity} d'un produit par commande.`,
      MAX_TOTAL: 'Le total de la commande est trop grand. Faites des commandes plus petites.',
    })[rule],
  badInput: ({ usage }) => `Vérifiez: ${usage}`,
  illegal: ({ code, status }) => `Commande ${code} ${status}: impossible maintenant.`,
  orderPaid: ({ code }) => `Commande ${code} payée; demandez au centre de l'annuler.`,
  paymentPending: ({ code }) => `Un paiement mobile money de la commande ${code} est en cours. Réessayez dans quelques minutes.`,
  noShop: "Vous n'avez pas de boutique. Demandez au centre d'en ouvrir une.",
  noCurrency: 'Désolé, les prix de votre pays ne sont pas encore pris en charge.',
  failed: 'Désolé, une erreur est survenue. Réessayez plus tard.',
  notifyNewOrder: ({ code, lines, total }) => `Nouvelle commande ${code}: ${lines}. Total ${total}. Répondez ACCEPTER ${code}`,
  notifyPickupCode: ({ code, pickupCode, center, until }) =>
    `Commande ${code} arrivée à ${center}. Code de retrait ${pickupCode}, valable jusqu'au ${until}.`,
  notifyRefunded: ({ code, amount }) => `Commande ${code}: ${amount} rembourses.`,
  notifyUnpaidCancelled: ({ code }) => `Commande ${code} annulée: elle n'a pas été payée par mobile money à temps.`,
  momoUnavailable: "Le mobile money n'est pas disponible ici. Commandez avec ESPECES et payez au retrait.",
  notifyPaymentFailed: ({ code }) => `Le paiement mobile money de la commande ${code} a échoué. Envoyez ETAT ${code}.`,
  paymentRequested: ({ code, total, center }) =>
    `Commande ${code}: ${total}. Acceptez la demande M-Pesa sur votre téléphone. Retrait: ${center}.`,
  notifyLocked: ({ code, until }) => `Trop de codes faux pour la commande ${code}. Bloquée jusqu'à ${until}.`,
  arrived: ({ code }) => `Commande ${code} au centre. L'acheteur a obtenu un code de retrait.`,
  delivered: ({ code, cash }) => `Commande ${code} remise.${cash ? ` Encaissez ${cash} en espèces.` : ''}`,
  wrongPickupCode: ({ attemptsLeft }) => `Code de retrait faux. Encore ${attemptsLeft} essais.`,
  pickupLocked: ({ until }) => `Trop de codes faux. Commande bloquée jusqu'à ${until}.`,
  pickupExpired: ({ code }) => `Le code de retrait de la commande ${code} a expiré.`,
  paymentRequired: ({ code }) => `La commande ${code} se paie par mobile money avant la remise.`,
  paidOut: ({ amount, seller, owed }) => `${amount} payés à ${seller}. Reste à lui payer: ${owed}.`,
  overpaid: ({ owed, seller }) => `Il reste seulement ${owed} à payer à ${seller}. Rien n'a été enregistré.`,
  refunded: ({ code, amount }) => `Commande ${code}: ${amount} remboursés. L'acheteur et le vendeur sont prévenus.`,
  notRefundable: ({ code }) => `La commande ${code} n'est pas payée, ou déjà remboursée.`,
  earnings: ({ month, orders, commission, cash }) => `${month}: ${orders} commandes remises, commission ${commission}, espèces ${cash}.`,
  tasksHead: 'Centre: ',
  noTasks: 'Aucune commande en route vers votre centre.',
  salesHead: 'A accepter ou expedier: ',
  noSales: 'Aucune commande a accepter ou expedier.',
  notifyStatus: ({ code, status, center }) =>
    ({
      PLACED: `Commande ${code} passée.`,
      ACCEPTED: `Commande ${code} acceptée par le vendeur.`,
      RECEIVED: `Commande ${code} déposée à ${center}. Elle part ensuite vers le centre de l'acheteur.`,
      SHIPPED: `Commande ${code} en route vers ${center}.`,
      AT_CENTER: `Commande ${code} arrivée à ${center}.`,
      DELIVERED: `Commande ${code} remise. Merci!`,
      CANCELLED: `Commande ${code} annulée.`,
    })[status],
  reportWaiting: ({ commodity, price, unit, market }) =>
    `Merci! ${commodity} ${price}/${unit} à ${market} est loin des prix récents: il compte quand un autre le confirme.`,
  reportRepeat: ({ commodity, market }) => `Vous avez déjà signalé ${commodity} à ${market} aujourd'hui; un prix par jour compte. Merci!`,
  notifyPriceAlert: ({ number, commodity, market, price, unit, direction }) =>
    `Alerte prix ${number}: ${commodity} à ${market} ${direction === 'RISE' ? 'monte' : 'descend'} à ${price}/${unit} (médiane). RETIRER ${number} pour stopper.`,
  alertSet: ({ number, commodity, market, price, unit, direction }) =>
    `Alerte ${number} créée: un SMS quand ${commodity} ${market ? `à ${market}` : 'sur un marché'} ${direction === 'RISE' ? 'monte' : 'descend'} à ${price}/${unit}. RETIRER ${number} la supprime.`,
  alertsHead: 'Vos alertes: ',
  alertItem: ({ number, commodity, market, price, direction }) =>
    `${number}) ${commodity} ${direction === 'RISE' ? '>=' : '<='} ${price}${market ? ` ${market}` : ''}`,
  noAlerts: "Vous n'avez pas d'alerte de prix. Exemple: ALERTE mais 900, ou ALERTE mais sous 700 Arusha",
  alertRemoved: ({ number, left }) => `Alerte ${number} supprimée. Il en reste ${left}.`,
  noSuchAlert: ({ number }) => `Vous n'avez pas d'alerte ${number}. Envoyez ALERTE pour les voir.`,
  alertLimit: ({ max }) => `Vous avez déjà ${max} alertes, le maximum. Envoyez RETIRER <numéro> pour en supprimer une.`,
  listedNear: ({ code, price, stock, market, unit, median, days, below }) =>
    `${code} ${price}, stock ${stock}. Marché ${market}: ${median}/${unit}, ${days === 0 ? "aujourd'hui" : `il y a ${days} j`}.${below ? ` Votre prix est sous ${below}% de la médiane!` : ''}`,
  weeklyOn: ({ commodity }) => `Chaque semaine, un SMS des prix de ${commodity}. PRIX ARRET pour le stopper.`,
  weeklyOff: 'Les prix de la semaine sont stoppés.',
  weeklyHead: ({ commodity, currency }) => `${commodity} ${currency} cette semaine: `,
  weeklyItem: ({ market, unit, median, change }) => `${market} ${median}/${unit}${change}`,
  notifyConsent: ({ app, scopes, ref, code }) => `${app} veut ${scopes}${ref ? ` (ref: ${ref})` : ''}. Accepter: OUI ${code}`,
  consentAnswered: ({ app, allowed }) =>
    allowed
      ? `${app} peut maintenant agir pour vous. APPLIS: vos applis; REVOQUER: en retirer une.`
      : `Vous avez refusé ${app}: aucun accès donné.`,
  wrongConsentCode: ({ triesLeft }) =>
    triesLeft > 0
      ? `Code erroné. Encore ${triesLeft} essais.`
      : 'Code erroné. Les demandes en attente sont closes; une appli peut redemander.',
  noConsentWaiting: "Aucune appli n'attend votre réponse. Une demande dure 10 minutes.",
  appsHead: 'Vos applis (REVOQUER <n> pour retirer): ',
  appItem: ({ number, app, scopes }) => `${number}) ${app}: ${scopes}`,
  noApps: "Aucune appli n'agit pour vous. Une appli demande d'abord, par SMS.",
  appRevoked: ({ app }) => `${app} ne peut plus agir pour vous.`,
  noSuchApp: ({ number }) => `Vous n'avez pas d'appli ${number}. Envoyez APPLIS pour les voir.`,
};
