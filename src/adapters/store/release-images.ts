// What each release ran, per service (schema 6): the image reference, the image ID and the repository digest.
// A rollback runs the image a successful release of its version ran, not what the tag points at today.
import type Database from 'better-sqlite3';
import type { ReleaseImage } from '../../domain/types';

interface Row {
  release_id: number;
  service: string;
  image: string;
  image_id: string;
  repo_digest: string | null;
}

const toImage = (r: Row): ReleaseImage => ({ releaseId: r.release_id, service: r.service, image: r.image, imageId: r.image_id, repoDigest: r.repo_digest });

export class ReleaseImageTable {
  private readonly insert: Database.Statement;
  private readonly ofRelease: Database.Statement;
  private readonly ofVersion: Database.Statement;
  private readonly ofProject: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT OR REPLACE INTO release_images (release_id, service, image, image_id, repo_digest) VALUES (?, ?, ?, ?, ?)');
    this.ofRelease = db.prepare('SELECT * FROM release_images WHERE release_id = ? ORDER BY service');
    // the newest successful release of the version that recorded its images
    this.ofVersion = db.prepare(
      `SELECT i.* FROM release_images i WHERE i.release_id = (
         SELECT r.id FROM releases r JOIN release_images j ON j.release_id = r.id
         WHERE r.project = ? AND r.version = ? AND r.outcome = 'success' ORDER BY r.id DESC LIMIT 1)
       ORDER BY i.service`,
    );
    this.ofProject = db.prepare(`SELECT i.*, r.version AS version FROM release_images i JOIN releases r ON r.id = i.release_id WHERE r.project = ? AND r.outcome = 'success' ORDER BY i.release_id`);
  }

  record(releaseId: number, images: Array<Omit<ReleaseImage, 'releaseId'>>): void {
    this.db.transaction(() => {
      for (const i of images) this.insert.run(releaseId, i.service, i.image, i.imageId, i.repoDigest);
    })();
  }

  forRelease(releaseId: number): ReleaseImage[] {
    return (this.ofRelease.all(releaseId) as Row[]).map(toImage);
  }

  /** What the newest successful release of `version` ran (empty when none recorded its images). */
  forVersion(project: string, version: string): ReleaseImage[] {
    return (this.ofVersion.all(project, version) as Row[]).map(toImage);
  }

  /** Every image a successful release of the project ran, with its version. */
  ofSuccessfulReleases(project: string): Array<ReleaseImage & { version: string }> {
    return (this.ofProject.all(project) as Array<Row & { version: string }>).map((r) => ({ ...toImage(r), version: r.version }));
  }
}
