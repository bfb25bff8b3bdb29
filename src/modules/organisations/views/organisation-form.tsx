import type { ComponentChildren } from 'preact';
import type { OrganisationKind } from '../../../db/schema.ts';
import { Checkbox, Form, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { usStateOptions } from '../us-states.ts';
import { gradeOptions, kindOptions } from './organisation-labels.ts';

export interface OrganisationFormProps {
  ctx: ViewContext;
  state: FormState;
  action: string;
  mode: 'create' | 'edit';
  /** A network admin: also sees kind, web address name, center and NCES ID. Others never get those inputs. */
  admin: boolean;
  /** The organisation's kind as stored (edit), so a school's leader still sees the school fields. */
  kind?: OrganisationKind;
  centers: { id: number; name: string }[];
  cancelHref: string;
}

/** The organisation form, grouped as a reader thinks of it; the same for creating and editing. */
export function OrganisationForm(props: OrganisationFormProps) {
  const { ctx, state, admin } = props;
  const { t } = ctx;
  const label = (f: string) => t(`organisations:fields.${f}`);
  const hint = (f: string) => t(`organisations:hints.${f}`);
  const f = { ctx, state };
  const showSchool = admin || props.kind === 'school';
  return (
    <Form ctx={ctx} action={props.action} state={state}>
      <Section legend={t('organisations:sections.about')}>
        <TextField {...f} name="name" label={label('name')} required maxLength={200} autocomplete="organization" />
        {admin && <SelectField {...f} name="kind" label={label('kind')} required options={kindOptions(t)} blank={t('organisations:blank.choose')} />}
        <TextArea {...f} name="description" label={label('description')} hint={hint('description')} rows={5} />
      </Section>
      <Section legend={t('organisations:sections.contact')}>
        <TextField {...f} name="email" type="email" label={label('email')} autocomplete="email" maxLength={254} />
        <TextField {...f} name="phone" type="tel" label={label('phone')} hint={hint('phone')} autocomplete="tel" maxLength={40} />
        <TextField {...f} name="website" type="url" label={label('website')} hint={hint('website')} autocomplete="url" maxLength={300} />
        <Checkbox {...f} name="contact_public" label={label('contact_public')} hint={hint('contact_public')} />
      </Section>
      <Section legend={t('organisations:sections.address')}>
        <TextField {...f} name="address_line1" label={label('address_line1')} autocomplete="address-line1" maxLength={200} />
        <TextField {...f} name="address_line2" label={label('address_line2')} autocomplete="address-line2" maxLength={200} />
        <TextField {...f} name="city" label={label('city')} autocomplete="address-level2" maxLength={100} />
        <SelectField {...f} name="state" label={label('state')} options={usStateOptions()} blank={t('organisations:blank.choose')} />
        <TextField {...f} name="postal_code" label={label('postal_code')} hint={hint('postal_code')} autocomplete="postal-code" inputMode="numeric" maxLength={10} />
        <TextField {...f} name="region" label={label('region')} hint={hint('region')} maxLength={100} />
        <TextField {...f} name="latitude" label={label('latitude')} hint={hint('latitude')} inputMode="decimal" maxLength={20} />
        <TextField {...f} name="longitude" label={label('longitude')} hint={hint('longitude')} inputMode="decimal" maxLength={20} />
      </Section>
      {showSchool && (
        <Section legend={t('organisations:sections.school')} note={admin ? t('organisations:form.schoolOnly') : undefined}>
          <SelectField {...f} name="grade_low" label={label('grade_low')} options={gradeOptions(t)} blank={t('organisations:blank.noGrade')} />
          <SelectField {...f} name="grade_high" label={label('grade_high')} options={gradeOptions(t)} blank={t('organisations:blank.noGrade')} />
          <TextField {...f} name="enrolment" label={label('enrolment')} hint={hint('enrolment')} inputMode="numeric" maxLength={7} />
          {admin && <TextField {...f} name="nces_id" label={label('nces_id')} hint={hint('nces_id')} maxLength={12} />}
        </Section>
      )}
      {admin ? (
        <Section legend={t('organisations:sections.network')}>
          <SelectField {...f} name="center_id" label={label('center_id')} hint={hint('center_id')} options={props.centers.map((c) => ({ value: String(c.id), label: c.name }))} blank={t('organisations:blank.noCenter')} />
          <TextField {...f} name="slug" label={label('slug')} hint={hint(props.mode === 'create' ? 'slug' : 'slugEdit')} maxLength={120} required={props.mode === 'edit'} />
        </Section>
      ) : (
        <p class="usa-hint margin-top-3">{t('organisations:form.adminOnly')}</p>
      )}
      <div class="margin-top-4">
        <SubmitButton>{t(props.mode === 'create' ? 'organisations:form.create' : 'organisations:form.save')}</SubmitButton>
        <a class="usa-button usa-button--unstyled margin-left-2" href={props.cancelHref}>
          {t('organisations:form.cancel')}
        </a>
      </div>
    </Form>
  );
}

function Section(props: { legend: string; note?: string; children: ComponentChildren }) {
  return (
    <fieldset class="usa-fieldset margin-top-4">
      <legend class="usa-legend usa-legend--large">{props.legend}</legend>
      {props.note && <p class="usa-hint">{props.note}</p>}
      {props.children}
    </fieldset>
  );
}
