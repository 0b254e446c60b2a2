/** Shared labels (team-shared, folder-like conversation tags): GET/POST /shared_labels, PATCH /shared_labels/:id. */
import { z } from 'zod';
import { pickDefined } from '../body';
import { writeCall } from './answers';
import { updateById, requiredDefault } from './by-id';
import { defineTool } from './define';
import { cursorField, limitField, organizationField, idField, moreIdsField } from './fields';
import { LIST_TAGS_NOTE, listInOrganization } from './lists';

const labelFields = {
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional()
    .describe('Label color as a hex code, e.g. "#d0021b"'),
  parent: idField('Parent shared label id, to nest this label (from list_all_missive_shared_labels)').optional(),
  share_with_organization: z.boolean().optional().describe('true: every member of the organization sees the label'),
  share_with_team: idField('Team id the label is shared with (from list_all_missive_teams)').optional(),
  share_with_users: z
    .array(idField('User id (from list_all_missive_users)'))
    .max(200)
    .optional()
    .describe('User ids the label is shared with'),
  visibility: z
    .enum(['organization', 'delegates'])
    .optional()
    .describe('Who sees the label in the sidebar: the whole organization or only delegates'),
};

const ListSharedLabelsInput = z
  .object({
    organization: organizationField('Only labels of this organization (id from list_all_missive_organizations)'),
    limit: limitField(200, 50),
    cursor: cursorField,
  })
  .strict();

const CreateSharedLabelInput = z
  .object({
    name: z.string().min(1).max(200).describe('Label name, e.g. "L1 Support"'),
    organization: organizationField('Organization that owns the label (required by Missive)'),
    ...labelFields,
  })
  .strict();

const UpdateSharedLabelInput = z
  .object({
    id: idField('Shared label id (from list_all_missive_shared_labels)'),
    more_ids: moreIdsField('Shared label id'),
    name: z.string().min(1).max(200).optional().describe('New name'),
    ...labelFields,
  })
  .strict();

const LABEL_FIELDS = [
  'name',
  'color',
  'parent',
  'share_with_organization',
  'share_with_team',
  'share_with_users',
  'visibility',
] as const;

export const sharedLabelsTools = [
  defineTool({
    name: 'list_all_missive_shared_labels',
    title: 'List Missive shared labels',
    description:
      'Lists the shared labels (team-shared, folder-like conversation tags such as "L1 Support") of the organizations ' +
      'the account can access: id, name, name_with_parent_names, color, parent, organization, sharing. Use the id as the ' +
      'shared_label filter of list_all_missive_conversations or in add_shared_labels. Read-only. ' +
      LIST_TAGS_NOTE,
    method: 'list',
    tags: ['labels'],
    inputSchema: ListSharedLabelsInput,
    handler: listInOrganization({ path: '/shared_labels', key: 'shared_labels' }),
  }),
  defineTool({
    name: 'create_a_missive_shared_label',
    title: 'Create a Missive shared label',
    description:
      'Creates a shared label. Needs name and organization (the account default applies). Optionally color, a parent ' +
      'label to nest under, and who it is shared with. Returns the label with its id.',
    method: 'create',
    tags: ['labels'],
    inputSchema: CreateSharedLabelInput,
    handler: async (args, ctx) => {
      const organization = requiredDefault('organization', args.organization, ctx);
      if (typeof organization !== 'string') return organization;
      const label = { ...pickDefined(args, LABEL_FIELDS), organization };
      return writeCall(
        ctx,
        { method: 'POST', path: '/shared_labels', body: { shared_labels: [label] } },
        'shared_labels',
      );
    },
  }),
  defineTool({
    name: 'update_a_missive_shared_label_by_id',
    title: 'Update a Missive shared label',
    description:
      'Changes a shared label by id (from list_all_missive_shared_labels): name, color, parent, sharing, visibility. ' +
      'Only the fields given change. Renaming affects every conversation carrying the label.',
    method: 'update',
    tags: ['labels'],
    inputSchema: UpdateSharedLabelInput,
    handler: updateById({
      collection: '/shared_labels',
      key: 'shared_labels',
      notFound: (id) => `shared label "${id}"`,
      changes: (args: z.infer<typeof UpdateSharedLabelInput>) => pickDefined(args, LABEL_FIELDS),
      nothingToChange: `Nothing to change: pass at least one of ${LABEL_FIELDS.join(', ')}.`,
    }),
  }),
];
