import type { ConnectionKindDescriptor } from '../../connections/kinds';
import type { ConnectorDescriptor } from '../types';
import { connectionKindOf, descriptorOf } from './build';
import type { ServiceDefinition } from './format';
import { awsCostExplorer } from './services/aws-cost-explorer';
import { awsSes } from './services/aws-ses';
import { awsSns } from './services/aws-sns';
import { azureCostManagement } from './services/azure-cost-management';
import { facebookLeads } from './services/facebook-leads';
import { googleCloudBilling } from './services/google-cloud-billing';
import { hubspot } from './services/hubspot';
import { mailchimp } from './services/mailchimp';
import { mailgun } from './services/mailgun';
import { messenger } from './services/messenger';
import { outlook } from './services/outlook';
import { plivo } from './services/plivo';
import { sendgrid } from './services/sendgrid';
import { slack } from './services/slack';
import { teams } from './services/teams';
import { quickbooks } from './services/quickbooks';
import { salesforce } from './services/salesforce';
import { twilio } from './services/twilio';
import { vonage } from './services/vonage';
import { whatsapp } from './services/whatsapp';
import { xero } from './services/xero';
import { zohoCrm } from './services/zoho-crm';
import { zoom } from './services/zoom';

/** Every catalogue service, most used first. Adding one: a file in services/ and a line here. */
export const CATALOGUE: readonly ServiceDefinition[] = [
  twilio,
  slack,
  teams,
  sendgrid,
  mailgun,
  vonage,
  plivo,
  hubspot,
  mailchimp,
  whatsapp,
  messenger,
  facebookLeads,
  awsSns,
  awsSes,
  zohoCrm,
  salesforce,
  zoom,
  xero,
  quickbooks,
  outlook,
  awsCostExplorer,
  azureCostManagement,
  googleCloudBilling,
];

export const CATALOGUE_DESCRIPTORS: readonly ConnectorDescriptor[] = CATALOGUE.map(descriptorOf);
export const CATALOGUE_KINDS: readonly ConnectionKindDescriptor[] = CATALOGUE.map(connectionKindOf);

export const catalogueService = (id: string): ServiceDefinition | undefined =>
  CATALOGUE.find((s) => s.id === id);
