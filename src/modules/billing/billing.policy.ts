import type { Invoice } from './billing.service.ts';
import { canManageOrganisation, type OrganisationRef } from '../../platform/auth/policy.ts';
import { isNetworkAdmin, type Principal } from '../../platform/auth/principal.ts';

/**
 * Who may do what with invoices, built on the one policy layer. Gathered in an object so the
 * access-matrix test can swap in an allow-everything stub and prove its assertions would notice.
 */

/** The billed person, the leads of the billed organisation, and network admins. */
function canViewInvoice(p: Principal | null, invoice: Invoice, organisation: OrganisationRef | null): boolean {
  if (!p) return false;
  if (isNetworkAdmin(p)) return true;
  if (invoice.person_id !== null && invoice.person_id === p.personId) return true;
  return organisation !== null && canManageOrganisation(p, organisation);
}

/** A school's leader (or an admin) may put their purchase-order number on an open invoice of their school. */
function canAddPurchaseOrder(p: Principal | null, invoice: Invoice, organisation: OrganisationRef | null): boolean {
  return invoice.state === 'open' && organisation !== null && canManageOrganisation(p, organisation);
}

/** Recording payments, voiding, the full list and its export: network admins. */
const canAdministerBilling = (p: Principal | null): boolean => isNetworkAdmin(p);

/** The organisations whose invoices someone sees in their own list: those they lead. */
function billedOrganisationIds(p: Principal): number[] {
  return p.roles.filter((r) => canManageOrganisation(p, { id: r.organisationId, kind: r.organisationKind, centerId: null })).map((r) => r.organisationId);
}

export const billingPolicy = { canViewInvoice, canAddPurchaseOrder, canAdministerBilling, billedOrganisationIds };
