import { archiveTemplate, unarchiveTemplate } from "@/server/services/templates/archive-template";
import { copyTemplate } from "@/server/services/templates/copy-template";
import { listExerciseOptions } from "@/server/services/templates/exercise-options";
import { getTemplate, getTemplateForProgram } from "@/server/services/templates/get-template";
import { listTemplates } from "@/server/services/templates/list-templates";
import { createTemplate, updateTemplate } from "@/server/services/templates/save-template";
import { adminProcedure, router, staffProcedure } from "@/server/trpc";
import {
  ZCreateTemplateInput,
  ZExerciseOptionsOutput,
  ZGetTemplateOutput,
  ZListTemplatesInput,
  ZListTemplatesOutput,
  ZTemplateArchivedOutput,
  ZTemplateForProgramOutput,
  ZTemplateIdInput,
  ZTemplateSavedOutput,
  ZUpdateTemplateInput,
} from "./templates-schemas";

/** Program templates: every staff member reads them; clinic admins keep their clinic's own. */
export const templatesRouter = router({
  list: staffProcedure
    .input(ZListTemplatesInput)
    .output(ZListTemplatesOutput)
    .query(({ ctx, input }) => listTemplates({ scope: ctx.scope, input })),
  get: staffProcedure
    .input(ZTemplateIdInput)
    .output(ZGetTemplateOutput)
    .query(({ ctx, input }) => getTemplate({ scope: ctx.scope, templateId: input.templateId })),
  forProgram: staffProcedure
    .input(ZTemplateIdInput)
    .output(ZTemplateForProgramOutput)
    .query(({ ctx, input }) =>
      getTemplateForProgram({ scope: ctx.scope, templateId: input.templateId }),
    ),
  exerciseOptions: adminProcedure
    .output(ZExerciseOptionsOutput)
    .query(({ ctx }) => listExerciseOptions({ scope: ctx.scope })),
  create: adminProcedure
    .input(ZCreateTemplateInput)
    .output(ZTemplateSavedOutput)
    .mutation(({ ctx, input }) => createTemplate({ scope: ctx.scope, draft: input })),
  update: adminProcedure
    .input(ZUpdateTemplateInput)
    .output(ZTemplateSavedOutput)
    .mutation(({ ctx, input: { templateId, ...draft } }) =>
      updateTemplate({ scope: ctx.scope, templateId, draft }),
    ),
  copy: adminProcedure
    .input(ZTemplateIdInput)
    .output(ZTemplateSavedOutput)
    .mutation(({ ctx, input }) => copyTemplate({ scope: ctx.scope, templateId: input.templateId })),
  archive: adminProcedure
    .input(ZTemplateIdInput)
    .output(ZTemplateArchivedOutput)
    .mutation(({ ctx, input }) =>
      archiveTemplate({ scope: ctx.scope, templateId: input.templateId }),
    ),
  unarchive: adminProcedure
    .input(ZTemplateIdInput)
    .output(ZTemplateArchivedOutput)
    .mutation(({ ctx, input }) =>
      unarchiveTemplate({ scope: ctx.scope, templateId: input.templateId }),
    ),
});
