import type { Request, RequestHandler, Response, Router } from 'express';
import multer from 'multer';
import { CsvRejectedError } from '../../../modules/issues/issues.errors.ts';
import { sendHtml } from '../../caching.ts';
import type { WebDeps } from '../../context.ts';
import { langPath } from '../../layout.ts';
import { formField } from '../csrf.ts';
import { csrfGuard, requireStaff, staffForm, staffSession } from '../guard.ts';
import { staffRequest } from '../layout.ts';
import { BULK_MAX_BYTES, previewPage, uploadPage } from '../pages/bulk.ts';
import type { UploadStore } from '../uploads.ts';
import { QUEUE_ROLES } from './queue.routes.ts';

// Upload (multipart, one file, at most 2 MB) -> preview (nothing written) -> apply (all or
// nothing). The staff console accepts only files with the version column (requireVersion), so
// every row says which version of its problem it was based on.

const BULK = { requireVersion: true } as const;

/** multer in memory with hard limits; its refusals become the upload page with a reason. */
function multipartUpload(): RequestHandler {
  const parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: BULK_MAX_BYTES, files: 1, fields: 5, parts: 6 } }).single('file');
  return (req, res, next) =>
    parse(req, res, (err: unknown) => {
      if (!err) return next();
      const sr = staffRequest(req, res);
      const tooLarge = err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE';
      sendHtml(res, tooLarge ? 413 : 400, uploadPage(sr, tooLarge ? sr.w.fileTooLarge : sr.w.noFile));
    });
}

export function registerBulkRoutes(router: Router, { services }: WebDeps, uploads: UploadStore): void {
  router.get('/queue/upload', requireStaff(QUEUE_ROLES), (req, res) => sendHtml(res, 200, uploadPage(staffRequest(req, res))));

  router.post('/queue/upload', requireStaff(QUEUE_ROLES), multipartUpload(), csrfGuard, async (req: Request, res: Response) => {
    const sr = staffRequest(req, res);
    const { viewer } = staffSession(res);
    const file = (req as Request & { file?: Express.Multer.File }).file;
    if (!file || file.size === 0) return sendHtml(res, 400, uploadPage(sr, sr.w.noFile));
    const csv = file.buffer.toString('utf8');
    const preview = await services.issues.previewBulkUpdate(viewer, csv, BULK);
    const reference = preview.problems.length ? null : uploads.put(viewer.userId, csv);
    sendHtml(res, preview.problems.length ? 422 : 200, previewPage(sr, preview, reference));
  });

  router.post('/queue/apply', requireStaff(QUEUE_ROLES), ...staffForm, async (req, res) => {
    const sr = staffRequest(req, res);
    const { viewer } = staffSession(res);
    const reference = formField(req, 'upload');
    const csv = uploads.get(reference, viewer.userId);
    if (csv === undefined) return sendHtml(res, 410, uploadPage(sr, sr.w.uploadExpired));
    try {
      const report = await services.issues.bulkUpdateIssues(viewer, csv, BULK);
      uploads.delete(reference);
      res.redirect(303, langPath(sr.locale.lang, `/staff/queue?applied=${report.updated.length}&unchanged=${report.unchangedCount}`));
    } catch (err) {
      if (!(err instanceof CsvRejectedError)) throw err;
      // Something changed since the preview (a colleague's edit): show the file again with its problems.
      const preview = await services.issues.previewBulkUpdate(viewer, csv, BULK);
      sendHtml(res, 409, previewPage(sr, { ...preview, problems: preview.problems.length ? preview.problems : err.rows }, null));
    }
  });
}
